using Imaging.Dicom.Data;

namespace Imaging.Deidentification.Tests.Support;

/// <summary>How a seeded value is searched for in a dump.</summary>
public enum SeedKind
{
    /// <summary>Free text or an identifier: searched case-insensitively as a substring.</summary>
    Text,
    /// <summary>A person's name or one of its components: searched case-insensitively as a substring.</summary>
    Name,
    /// <summary>A date YYYYMMDD: searched in DA/DT form and as YYYY-MM-DD and YYYY.MM.DD.</summary>
    Date,
    /// <summary>A UID of this instance's world (never well-known): searched as a substring.</summary>
    Uid,
}

/// <summary>One identifying value planted in the dataset, and where.</summary>
public sealed record SeededValue(string Where, string Value, SeedKind Kind)
{
    /// <summary>The spellings to search for.</summary>
    public IEnumerable<string> Spellings()
    {
        yield return Value;
        if (Kind == SeedKind.Date && Value.Length == 8)
        {
            yield return $"{Value[..4]}-{Value[4..6]}-{Value[6..]}";
            yield return $"{Value[..4]}.{Value[4..6]}.{Value[6..]}";
        }
    }
}

/// <summary>A seeded NM instance full of identifying data in every place it hides: names and IDs, other patient IDs,
/// dates and times, addresses, telephone numbers, free-text descriptions and comments, physicians and operators,
/// institution and device, private attributes with creators, nested sequences three deep, 60xx overlays, 50xx curves,
/// plus the radiopharmaceutical and energy window information research needs. Every seeded value is unique and listed
/// in <see cref="Seeded.Values"/>. Public and static so other test projects can link this file.</summary>
public static class IdentifyingDataset
{
    /// <summary>The dataset and what was planted in it.</summary>
    public sealed record Seeded(DicomDataset Dataset, IReadOnlyList<SeededValue> Values);

    /// <summary>The original patient ID.</summary>
    public const string PatientId = "MRN-7730419";

    /// <summary>NM Image Storage.</summary>
    public const string NmImageStorage = "1.2.840.10008.5.1.4.1.1.20";

    /// <summary>Root of every instance UID planted here (not a registered root: a test root only).</summary>
    public const string UidRoot = "1.2.826.0.1.3680043.10.999";

    /// <summary>Builds one instance of study <paramref name="study"/> (1, 2, ...), acquired on <paramref name="studyDate"/>
    /// (YYYYMMDD); the other dates of the instance are one to four days later.</summary>
    public static Seeded Create(int study = 1, string studyDate = "20230314", string patientId = PatientId, int instance = 1)
    {
        var seeds = new List<SeededValue>();
        var ds = new DicomDataset();
        string Text(string where, string value) { seeds.Add(new SeededValue(where, value, SeedKind.Text)); return value; }
        string Name(string where, string value)
        {
            seeds.Add(new SeededValue(where, value, SeedKind.Name));
            foreach (var part in value.Split('^', StringSplitOptions.RemoveEmptyEntries)) seeds.Add(new SeededValue(where + " component", part, SeedKind.Name));
            return value;
        }
        string Date(string where, string value) { seeds.Add(new SeededValue(where, value, SeedKind.Date)); return value; }
        string Uid(string where, string value) { seeds.Add(new SeededValue(where, value, SeedKind.Uid)); return value; }
        var day = DateOnly.ParseExact(studyDate, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        string Later(int days) => day.AddDays(days).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

        var studyUid = Uid("StudyInstanceUID", $"{UidRoot}.{study}");
        var seriesUid = Uid("SeriesInstanceUID", $"{UidRoot}.{study}.2");
        var sopUid = Uid("SOPInstanceUID", $"{UidRoot}.{study}.2.{instance}");
        var otherSopUid = Uid("ReferencedSOPInstanceUID", $"{UidRoot}.{study}.2.{instance + 100}");
        var frameOfReference = Uid("FrameOfReferenceUID", $"{UidRoot}.{study}.5");

        ds.SetString(T(0x0008, 0x0005), DicomVR.CS, "ISO_IR 100");
        ds.SetString(T(0x0008, 0x0008), DicomVR.CS, "ORIGINAL", "PRIMARY", "STATIC");
        ds.SetString(T(0x0008, 0x0012), DicomVR.DA, Date("InstanceCreationDate", Later(5)));
        ds.SetString(T(0x0008, 0x0016), DicomVR.UI, NmImageStorage);
        ds.SetString(T(0x0008, 0x0018), DicomVR.UI, sopUid);
        ds.SetString(T(0x0008, 0x0020), DicomVR.DA, Date("StudyDate", studyDate));
        ds.SetString(T(0x0008, 0x0021), DicomVR.DA, Date("SeriesDate", Later(1)));
        ds.SetString(T(0x0008, 0x0022), DicomVR.DA, Date("AcquisitionDate", Later(2)));
        ds.SetString(T(0x0008, 0x0023), DicomVR.DA, Date("ContentDate", Later(3)));
        ds.SetString(T(0x0008, 0x002A), DicomVR.DT, Date("AcquisitionDateTime", Later(4)) + "102411");
        ds.SetString(T(0x0008, 0x0030), DicomVR.TM, Text("StudyTime", "101530"));
        ds.SetString(T(0x0008, 0x0031), DicomVR.TM, Text("SeriesTime", "102011"));
        ds.SetString(T(0x0008, 0x0032), DicomVR.TM, Text("AcquisitionTime", "102245"));
        ds.SetString(T(0x0008, 0x0033), DicomVR.TM, Text("ContentTime", "102355"));
        ds.SetString(T(0x0008, 0x0050), DicomVR.SH, Text("AccessionNumber", $"ACC-9928173{study}"));
        ds.SetString(T(0x0008, 0x0060), DicomVR.CS, "NM");
        ds.SetString(T(0x0008, 0x0070), DicomVR.LO, "Acme Medical Systems");
        ds.SetString(T(0x0008, 0x0080), DicomVR.LO, Text("InstitutionName", "Vrellingford General Hospital"));
        ds.SetString(T(0x0008, 0x0081), DicomVR.ST, Text("InstitutionAddress", "42 Cobbleside Road, Wexhamptonshire"));
        ds.SetString(T(0x0008, 0x0090), DicomVR.PN, Name("ReferringPhysicianName", "Hallorann^Desmond"));
        ds.SetString(T(0x0008, 0x0092), DicomVR.ST, Text("ReferringPhysicianAddress", "9 Tamberlane Close"));
        ds.SetString(T(0x0008, 0x0094), DicomVR.SH, Text("ReferringPhysicianTelephoneNumbers", "+44 1632 960123"));
        ds.SetString(T(0x0008, 0x1010), DicomVR.SH, Text("StationName", "KESTREL-NM-07"));
        ds.SetString(T(0x0008, 0x1030), DicomVR.LO, Text("StudyDescription", "Bone scan requested by Dr Whitcombe"));
        ds.SetString(T(0x0008, 0x103E), DicomVR.LO, Text("SeriesDescription", "Whole body Pemberton pathway"));
        ds.SetString(T(0x0008, 0x1040), DicomVR.LO, Text("InstitutionalDepartmentName", "Department Ravenscar Suite"));
        ds.SetString(T(0x0008, 0x1048), DicomVR.PN, Name("PhysiciansOfRecord", "Castellane^Ottoline"));
        ds.SetString(T(0x0008, 0x1050), DicomVR.PN, Name("PerformingPhysicianName", "Abernathy^Ciaran"));
        ds.SetString(T(0x0008, 0x1060), DicomVR.PN, Name("NameOfPhysiciansReadingStudy", "Lindgren^Oksana"));
        ds.SetString(T(0x0008, 0x1070), DicomVR.PN, Name("OperatorsName", "Brisbois^Tamsin"));
        ds.SetString(T(0x0008, 0x1090), DicomVR.LO, "Acme Gamma 3000");

        ds.Set(Sequence(0x0008, 0x0096, Item(i =>
        {
            i.SetString(T(0x0040, 0x1103), DicomVR.LO, Text("Person's Telephone Numbers (nested)", "+44 1632 960777"));
            i.SetString(T(0x0008, 0x0080), DicomVR.LO, Text("InstitutionName (nested)", "Brackenridge Outpatients"));
        })));
        ds.Set(Sequence(0x0008, 0x1032, Item(i =>
        {
            i.SetString(T(0x0008, 0x0100), DicomVR.SH, "LOC-BS17");
            i.SetString(T(0x0008, 0x0102), DicomVR.SH, "99LOCAL");
            i.SetString(T(0x0008, 0x0104), DicomVR.LO, Text("ProcedureCodeSequence CodeMeaning", "Bone scan for Quenby ward patient"));
        })));
        ds.Set(Sequence(0x0008, 0x1110, Item(i =>
        {
            i.SetString(T(0x0008, 0x1150), DicomVR.UI, "1.2.840.10008.3.1.2.3.1");
            i.SetString(T(0x0008, 0x1155), DicomVR.UI, Uid("ReferencedStudySequence", $"{UidRoot}.{study}.7"));
        })));
        ds.Set(Sequence(0x0008, 0x1120, Item(i =>
        {
            i.SetString(T(0x0008, 0x1150), DicomVR.UI, "1.2.840.10008.3.1.2.1.1");
            i.SetString(T(0x0008, 0x1155), DicomVR.UI, Uid("ReferencedPatientSequence", $"{UidRoot}.{study}.8"));
        })));
        // Three levels: Referenced Image Sequence > Purpose of Reference Code Sequence > a nested free-text code.
        ds.Set(Sequence(0x0008, 0x1140, Item(i =>
        {
            i.SetString(T(0x0008, 0x1150), DicomVR.UI, NmImageStorage);
            i.SetString(T(0x0008, 0x1155), DicomVR.UI, otherSopUid);
            i.Set(Sequence(0x0040, 0xA170, Item(p =>
            {
                p.SetString(T(0x0008, 0x0100), DicomVR.SH, "LOC-REF1");
                p.SetString(T(0x0008, 0x0102), DicomVR.SH, "99LOCAL");
                p.SetString(T(0x0008, 0x0104), DicomVR.LO, Text("nested CodeMeaning", "Prior scan of Mr Gallowglass"));
                p.Set(Sequence(0x0040, 0xA168, Item(d =>
                {
                    d.SetString(T(0x0008, 0x0100), DicomVR.SH, "LOC-DEEP");
                    d.SetString(T(0x0008, 0x0102), DicomVR.SH, "99LOCAL");
                    d.SetString(T(0x0008, 0x0104), DicomVR.LO, Text("deepest CodeMeaning", "Deep note Yarborough"));
                    d.SetString(T(0x0040, 0xA123), DicomVR.PN, Name("deepest PersonName", "Featherstone^Ines"));
                    d.SetString(T(0x0040, 0xA120), DicomVR.DT, Date("deepest DateTime", Later(1)) + "080000");
                })));
            })));
        })));
        ds.Set(Sequence(0x0008, 0x2112, Item(i =>
        {
            i.SetString(T(0x0008, 0x1150), DicomVR.UI, NmImageStorage);
            i.SetString(T(0x0008, 0x1155), DicomVR.UI, otherSopUid);
        })));

        ds.SetString(T(0x0010, 0x0010), DicomVR.PN, Name("PatientName", "Quixworth^Zebulon^Amadeus"));
        ds.SetString(T(0x0010, 0x0020), DicomVR.LO, Text("PatientID", patientId));
        ds.SetString(T(0x0010, 0x0021), DicomVR.LO, Text("IssuerOfPatientID", "Hospital Trenwith Registry"));
        ds.SetString(T(0x0010, 0x0030), DicomVR.DA, Date("PatientBirthDate", "19610704"));
        ds.SetString(T(0x0010, 0x0032), DicomVR.TM, Text("PatientBirthTime", "073012"));
        ds.SetString(T(0x0010, 0x0040), DicomVR.CS, "M");
        ds.SetString(T(0x0010, 0x1000), DicomVR.LO, Text("OtherPatientIDs", "OLDID-3318842"));
        ds.SetString(T(0x0010, 0x1001), DicomVR.PN, Name("OtherPatientNames", "Oberhollenzer^Zeb"));
        ds.Set(Sequence(0x0010, 0x1002, Item(i =>
        {
            i.SetString(T(0x0010, 0x0020), DicomVR.LO, Text("OtherPatientIDsSequence PatientID", "ALT-55120983"));
            i.SetString(T(0x0010, 0x0021), DicomVR.LO, Text("OtherPatientIDsSequence Issuer", "Brankfield Registry"));
        })));
        ds.SetString(T(0x0010, 0x1010), DicomVR.AS, "061Y");
        ds.SetString(T(0x0010, 0x1020), DicomVR.DS, "1.78");
        ds.SetString(T(0x0010, 0x1030), DicomVR.DS, "82.5");
        ds.SetString(T(0x0010, 0x1040), DicomVR.LO, Text("PatientAddress", "17 Lindqvist Lane, Thornbury"));
        ds.SetString(T(0x0010, 0x1060), DicomVR.PN, Name("PatientMotherBirthName", "Pellegrini^Ysolde"));
        ds.SetString(T(0x0010, 0x2000), DicomVR.LO, Text("MedicalAlerts", "Alert: call Dravenport next of kin"));
        ds.SetString(T(0x0010, 0x2150), DicomVR.LO, Text("CountryOfResidence", "Elbonia Minor"));
        ds.SetString(T(0x0010, 0x2154), DicomVR.SH, Text("PatientTelephoneNumbers", "+44 7700 900461"));
        ds.SetString(T(0x0010, 0x2180), DicomVR.SH, Text("Occupation", "Keeper Trevose"));
        ds.SetString(T(0x0010, 0x21B0), DicomVR.LT, Text("AdditionalPatientHistory", "Prior surgery at Kettlewick Infirmary"));
        ds.SetString(T(0x0010, 0x4000), DicomVR.LT, Text("PatientComments", "Fell at Harrowgate mill, says Zebulon"));

        ds.SetString(T(0x0018, 0x1000), DicomVR.LO, Text("DeviceSerialNumber", "SN-88317702"));
        ds.SetString(T(0x0018, 0x1030), DicomVR.LO, Text("ProtocolName", "PROTO-ZQX-42"));
        ds.SetString(T(0x0020, 0x000D), DicomVR.UI, studyUid);
        ds.SetString(T(0x0020, 0x000E), DicomVR.UI, seriesUid);
        ds.SetString(T(0x0020, 0x0010), DicomVR.SH, Text("StudyID", $"STUDY-447{study}"));
        ds.SetString(T(0x0020, 0x0011), DicomVR.IS, "2");
        ds.SetString(T(0x0020, 0x0013), DicomVR.IS, instance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ds.SetString(T(0x0020, 0x0052), DicomVR.UI, frameOfReference);
        ds.SetString(T(0x0020, 0x4000), DicomVR.LT, Text("ImageComments", "Scanned by technologist Marplewood"));

        ds.SetValues(T(0x0028, 0x0002), DicomVR.US, (ushort)1);
        ds.SetString(T(0x0028, 0x0004), DicomVR.CS, "MONOCHROME2");
        ds.SetString(T(0x0028, 0x0008), DicomVR.IS, "1");
        ds.SetValues(T(0x0028, 0x0010), DicomVR.US, (ushort)16);
        ds.SetValues(T(0x0028, 0x0011), DicomVR.US, (ushort)16);
        ds.SetValues(T(0x0028, 0x0100), DicomVR.US, (ushort)16);
        ds.SetValues(T(0x0028, 0x0101), DicomVR.US, (ushort)16);
        ds.SetValues(T(0x0028, 0x0102), DicomVR.US, (ushort)15);
        ds.SetValues(T(0x0028, 0x0103), DicomVR.US, (ushort)0);
        ds.SetString(T(0x0028, 0x0301), DicomVR.CS, "NO");

        ds.SetString(T(0x0032, 0x1032), DicomVR.PN, Name("RequestingPhysician", "Whitcombe^Alaric"));
        ds.Set(Sequence(0x0040, 0x0275, Item(i =>
        {
            i.SetString(T(0x0040, 0x0009), DicomVR.SH, Text("ScheduledProcedureStepID", "SPS-3390817"));
            i.SetString(T(0x0040, 0x1001), DicomVR.SH, Text("RequestedProcedureID", "RP-6618204"));
            i.SetString(T(0x0032, 0x1060), DicomVR.LO, Text("RequestedProcedureDescription", "Requested for Marlowe trial arm"));
            i.SetString(T(0x0040, 0x1002), DicomVR.LO, Text("ReasonForTheRequestedProcedure", "Suspected Thistlewood lesion"));
        })));

        // Radiopharmaceutical and energy windows: what bone-scan research needs; nothing here identifies anyone.
        ds.Set(Sequence(0x0054, 0x0012, Item(i =>
        {
            i.Set(Sequence(0x0054, 0x0013, Item(r =>
            {
                r.SetString(T(0x0054, 0x0014), DicomVR.DS, "126");
                r.SetString(T(0x0054, 0x0015), DicomVR.DS, "154");
            })));
            i.SetString(T(0x0054, 0x0018), DicomVR.SH, "TC99M");
        })));
        ds.Set(Sequence(0x0054, 0x0016, Item(i =>
        {
            i.SetString(T(0x0018, 0x0031), DicomVR.LO, "Tc99m MDP");
            i.SetString(T(0x0018, 0x1072), DicomVR.TM, "093000");
            i.SetString(T(0x0018, 0x1074), DicomVR.DS, "740");
            i.SetString(T(0x0018, 0x1075), DicomVR.DS, "21624");
            i.SetString(T(0x0018, 0x1078), DicomVR.DT, studyDate + "093000");
            i.Set(Sequence(0x0054, 0x0300, Item(c =>
            {
                c.SetString(T(0x0008, 0x0100), DicomVR.SH, "C-163A8");
                c.SetString(T(0x0008, 0x0102), DicomVR.SH, "SRT");
                c.SetString(T(0x0008, 0x0104), DicomVR.LO, "^99m^Technetium");
            })));
        })));
        ds.SetValues(T(0x0054, 0x0011), DicomVR.US, (ushort)1);
        ds.SetValues(T(0x0054, 0x0021), DicomVR.US, (ushort)1);

        // Curves and overlays: free text in every element the 50xx/60xx groups allow.
        ds.SetString(T(0x5000, 0x2500), DicomVR.LO, Text("CurveLabel", "Curve label Ashcombe"));
        ds.Set(new DicomElement(T(0x5000, 0x3000), DicomVR.OW, DicomBuffer.FromBytes(new byte[8])));
        ds.SetValues(T(0x6000, 0x0010), DicomVR.US, (ushort)16);
        ds.SetValues(T(0x6000, 0x0011), DicomVR.US, (ushort)16);
        ds.SetString(T(0x6000, 0x0022), DicomVR.LO, Text("OverlayDescription", "Overlay note Tregothnan"));
        ds.SetString(T(0x6000, 0x0040), DicomVR.CS, "G");
        ds.SetValues(T(0x6000, 0x0050), DicomVR.SS, (short)1, (short)1);
        ds.SetValues(T(0x6000, 0x0100), DicomVR.US, (ushort)1);
        ds.SetValues(T(0x6000, 0x0102), DicomVR.US, (ushort)0);
        ds.Set(new DicomElement(T(0x6000, 0x3000), DicomVR.OW, DicomBuffer.FromBytes(new byte[32])));
        ds.SetString(T(0x6000, 0x4000), DicomVR.LT, Text("OverlayComments", "Overlay comment Pendragon"));

        // An unknown public attribute carrying text, and private attributes with their creators.
        ds.SetString(T(0x0099, 0x0010), DicomVR.LO, Text("unknown public LO", "Unknown public Zarkov"));
        ds.SetString(T(0x0009, 0x0010), DicomVR.LO, "ACME PRIVATE 1");
        ds.SetString(T(0x0009, 0x1001), DicomVR.LO, Text("private LO", "Private note PRV-1185"));
        ds.Set(Sequence(0x0009, 0x1002, Item(i => i.SetString(T(0x0010, 0x0010), DicomVR.PN, Name("private sequence PatientName", "Privseq^Oswin")))));
        ds.SetString(T(0x0011, 0x0010), DicomVR.LO, "ACME SAFE");
        ds.SetString(T(0x0011, 0x1005), DicomVR.DS, "2.5");

        var pixels = new ushort[16 * 16];
        for (var p = 0; p < pixels.Length; p++) pixels[p] = (ushort)(p * 7 % 1000 + 100);
        ds.SetValues(DicomTag.PixelData, DicomVR.OW, pixels);
        return new Seeded(ds, seeds.DistinctBy(s => (s.Value, s.Kind)).ToArray());
    }

    private static DicomTag T(ushort group, ushort element) => new(group, element);

    private static DicomSequence Sequence(ushort group, ushort element, params DicomDataset[] items) => new(new DicomTag(group, element), items);

    private static DicomDataset Item(Action<DicomDataset> fill)
    {
        var item = new DicomDataset();
        fill(item);
        return item;
    }
}
