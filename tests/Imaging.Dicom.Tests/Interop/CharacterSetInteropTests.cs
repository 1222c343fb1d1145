using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.IO;
using Imaging.Dicom.Text;

namespace Imaging.Dicom.Tests.Interop;

/// <summary>Specific Character Set both ways: dcmodify stores Latin-1 (ISO_IR 100) and UTF-8 (ISO_IR 192) text that we
/// decode, and DCMTK decodes the text we write (dcmdump +U8 prints every value converted to UTF-8).</summary>
[Collection(DcmtkCollection.Name)]
public class CharacterSetInteropTests(DcmtkFixture fixture)
{
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);
    private static readonly DicomTag StudyDescription = new(0x0008, 0x1030);
    private static readonly DicomTag ContentSequence = new(0x0040, 0xA730);
    private static readonly DicomTag PersonName = new(0x0040, 0xA123);

    private const string LatinName = "Müller^Jürgen";
    private const string LatinDescription = "Étude du crâne, 3ème";
    private const string LatinItemName = "Ström^Åsa";
    private const string UnicodeName = "Yamada^Tarou=山田^太郎=やまだ^たろう";
    private const string UnicodeDescription = "Γιαννόπουλος Ελένη – 日本語 ✓";
    private const string UnicodeItemName = "Ĳsbrand^Þórður";

    /// <summary>A plain file written by us, with a one-item content sequence, for dcmodify to edit.</summary>
    private static DicomFile Base()
    {
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x0040, 0xA010), DicomVR.CS, "CONTAINS");
        item.SetString(PersonName, DicomVR.PN, "Doe^Jane");
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, "1.2.826.0.1.3680043.2.1143.4242");
        ds.SetString(PatientName, DicomVR.PN, "Doe^John");
        ds.Set(new DicomSequence(ContentSequence, [item]));
        return new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    /// <summary>Text in a file, padded to even length, for dcmodify -mf/-if (command line arguments are UTF-8 here).</summary>
    private string TextFile(string name, string text, Encoding encoding)
    {
        var bytes = encoding.GetBytes(text);
        if (bytes.Length % 2 == 1) bytes = [.. bytes, (byte)' '];
        var path = fixture.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private Task<string> Latin1File() => fixture.Once("dcmodify latin1", async () =>
    {
        var path = fixture.File("latin1.dcm");
        DicomFileWriter.Write(path, Base());
        await Dcmtk.RunCleanAsync("dcmodify", "-nb",
            "-i", "(0008,0005)=ISO_IR 100",
            "-mf", $"(0010,0010)={TextFile("name.latin1", LatinName, Encoding.Latin1)}",
            "-if", $"(0008,1030)={TextFile("description.latin1", LatinDescription, Encoding.Latin1)}",
            "-mf", $"(0040,a730)[0].(0040,a123)={TextFile("item.latin1", LatinItemName, Encoding.Latin1)}",
            path);
        return path;
    });

    private Task<string> Utf8File() => fixture.Once("dcmodify utf8", async () =>
    {
        var path = fixture.File("utf8.dcm");
        DicomFileWriter.Write(path, Base());
        await Dcmtk.RunCleanAsync("dcmodify", "-nb",
            "-i", "(0008,0005)=ISO_IR 192",
            "-m", $"(0010,0010)={UnicodeName}",
            "-i", $"(0008,1030)={UnicodeDescription}",
            "-m", $"(0040,a730)[0].(0040,a123)={UnicodeItemName}",
            path);
        return path;
    });

    /// <summary>Files we write with each character set, through our own encoder.</summary>
    private Task<string> OurFile(string characterSet, string name, string description, string itemName) => fixture.Once($"ours {characterSet}", () =>
    {
        var file = Base();
        var ds = file.Dataset;
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, characterSet);
        ds.SetString(PatientName, DicomVR.PN, name);
        ds.SetString(StudyDescription, DicomVR.LO, description);
        ds.GetSequence(ContentSequence)!.Items[0].SetString(PersonName, DicomVR.PN, itemName);
        var path = fixture.FileFor($"ours {characterSet}");
        DicomFileWriter.Write(path, file);
        return Task.FromResult(path);
    });

    private async Task<IReadOnlyList<string>> AllFiles() =>
    [
        await Latin1File(),
        await Utf8File(),
        await OurFile("ISO_IR 100", LatinName, LatinDescription, LatinItemName),
        await OurFile("ISO_IR 192", UnicodeName, UnicodeDescription, UnicodeItemName),
    ];

    /// <summary>dcmdump +U8 of all four files in one run.</summary>
    private async Task<IReadOnlyList<DcmtkDump>> Utf8Dumps()
    {
        var files = await AllFiles();
        return await fixture.DumpMany("charset +U8", files, "+U8");
    }

    [Fact]
    public async Task We_decode_Latin1_text_that_dcmodify_stored_under_ISO_IR_100()
    {
        var file = DicomFileReader.Read(await Latin1File());
        var ds = file.Dataset;
        Assert.Empty(file.Warnings);
        Assert.Equal(["ISO_IR 100"], ds.CharacterSet.Terms);
        Assert.Equal(LatinName, ds.GetString(PatientName));
        Assert.Equal("Müller", ds.GetPersonName(PatientName)!.FamilyName);
        Assert.Equal(LatinDescription, ds.GetString(StudyDescription));
        // One byte per character in ISO 8859-1.
        Assert.Equal(Encoding.Latin1.GetBytes(LatinName + " "), ds.GetElement(PatientName)!.Buffer.GetMemory().ToArray());
        var item = ds.GetSequence(ContentSequence)!.Items[0];
        Assert.Equal("Ström", item.GetPersonName(PersonName)!.FamilyName);
    }

    [Fact]
    public async Task We_decode_UTF8_text_that_dcmodify_stored_under_ISO_IR_192()
    {
        var file = DicomFileReader.Read(await Utf8File());
        var ds = file.Dataset;
        Assert.Empty(file.Warnings);
        Assert.Equal(["ISO_IR 192"], ds.CharacterSet.Terms);
        Assert.Equal(UnicodeName, ds.GetString(PatientName));
        var name = ds.GetPersonName(PatientName)!;
        Assert.Equal("Yamada", name.FamilyName);
        Assert.Equal("山田^太郎", name.Ideographic);
        Assert.Equal("やまだ^たろう", name.Phonetic);
        Assert.Equal(UnicodeName, name.ToString());
        Assert.Equal(UnicodeDescription, ds.GetString(StudyDescription));
        Assert.Equal(UnicodeItemName, ds.GetSequence(ContentSequence)!.Items[0].GetString(PersonName));
    }

    [Fact]
    public async Task Dcmdump_decodes_the_text_we_encode_as_it_decodes_dcmodify_text()
    {
        var dumps = await Utf8Dumps();
        Assert.All(dumps, d => Assert.Empty(d.Diagnostics));
        // Our files differ from dcmodify's only in the values we chose, which are the same: the listings must agree.
        DcmdumpListing.AssertSame(DcmdumpListing.Parse(dumps[0].Listing), DcmdumpListing.Parse(dumps[2].Listing), "ISO_IR 100");
        DcmdumpListing.AssertSame(DcmdumpListing.Parse(dumps[1].Listing), DcmdumpListing.Parse(dumps[3].Listing), "ISO_IR 192");

        string Value(DcmtkDump dump, string tag) => DcmdumpListing.Parse(dump.Listing).First(l => l.Tag == tag).Value;
        Assert.Equal($"[{LatinName}]", Value(dumps[2], "0010,0010"));
        Assert.Equal($"[{LatinDescription}]", Value(dumps[2], "0008,1030"));
        Assert.Equal($"[{LatinItemName}]", Value(dumps[2], "0040,a123"));
        Assert.Equal($"[{UnicodeName}]", Value(dumps[3], "0010,0010"));
        Assert.Equal($"[{UnicodeDescription}]", Value(dumps[3], "0008,1030"));
        Assert.Equal($"[{UnicodeItemName}]", Value(dumps[3], "0040,a123"));
    }

    [Fact]
    public async Task Our_rewrite_of_dcmodify_files_keeps_the_text_bytes()
    {
        foreach (var path in new[] { await Latin1File(), await Utf8File() })
        {
            var original = DicomFileReader.Read(path);
            foreach (var syntax in ReadWriteCorpus.UncompressedSyntaxes)
            {
                var copy = ReadWriteCorpus.RoundTrip(original, syntax);
                DatasetComparison.AssertEquivalent(original.Dataset, copy.Dataset, ReadWriteCorpus.OptionsFor(original.TransferSyntax, syntax));
                // An implicit VR copy has PN only once the dictionary says so (an UN value is not text); see below.
                if (syntax.IsExplicitVR) Assert.Equal(original.Dataset.GetString(PatientName), copy.Dataset.GetString(PatientName));
            }
        }
    }

    [Fact]
    public async Task Our_implicit_VR_copy_of_dcmodify_files_decodes_the_same_text()
    {
        foreach (var path in new[] { await Latin1File(), await Utf8File() })
        {
            var original = DicomFileReader.Read(path);
            var copy = ReadWriteCorpus.RoundTrip(original, DicomTransferSyntax.ImplicitVRLittleEndian);
            Assert.Equal(original.Dataset.GetString(PatientName), copy.Dataset.GetString(PatientName));
            Assert.Equal(original.Dataset.GetString(StudyDescription), copy.Dataset.GetString(StudyDescription));
        }
    }

    [Fact]
    public void Latin1_text_without_a_character_set_is_still_decoded_byte_for_character()
    {
        // No (0008,0005): the default repertoire is ASCII, but real files put Latin-1 there; we decode leniently.
        var e = new DicomElement(PatientName, DicomVR.PN, DicomBuffer.FromBytes(Encoding.Latin1.GetBytes("Müller^Jö")));
        Assert.Equal("Müller^Jö", e.GetString(DicomCharacterSet.Default));
    }
}
