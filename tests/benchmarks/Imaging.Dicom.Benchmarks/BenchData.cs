using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Benchmarks;

/// <summary>The benchmark data: generated once into a cache folder and reused by every run (and by the
/// BenchmarkDotNet child processes, which find the folder through <see cref="DataEnvironmentVariable"/>).</summary>
public static class BenchData
{
    /// <summary>Number of CT files; a constant because BenchmarkDotNet's OperationsPerInvoke must be one.</summary>
    public const int CtFileCount = 400;

    /// <summary>Frames of the large multi-frame files: 2048 × 512 × 512 × 2 bytes = exactly 1 GiB of pixel data.</summary>
    public const int LargeFrameCount = 2048;

    public const int Rows = 512;
    public const int Columns = 512;
    public const long FrameBytes = (long)Rows * Columns * 2;
    public const long LargePixelBytes = FrameBytes * LargeFrameCount;

    public const string DataEnvironmentVariable = "IMAGING_BENCH_DATA";
    public const string SourceEnvironmentVariable = "IMAGING_BENCH_SOURCE_CT";

    // Bump when what is generated changes, so stale caches are rebuilt.
    private const string CacheVersion = "imaging-bench-data v1";

    /// <summary>The cache folder: $IMAGING_BENCH_DATA, else {temp}/imaging-dicom-bench.</summary>
    public static string Root
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable(DataEnvironmentVariable);
            return Path.GetFullPath(string.IsNullOrEmpty(fromEnv) ? Path.Combine(Path.GetTempPath(), "imaging-dicom-bench") : fromEnv);
        }
    }

    public static string CtFolder => Path.Combine(Root, "ct400");

    public static string LargePath(LargeKind kind) => Path.Combine(Root, kind switch
    {
        LargeKind.Nm => "multiframe_nm_1gib.dcm",
        LargeKind.EnhancedCt => "multiframe_enhanced_ct_1gib.dcm",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    });

    /// <summary>The real CT every generated file is derived from.</summary>
    public static string SourceCt
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable(SourceEnvironmentVariable);
            if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
            var testData = Environment.GetEnvironmentVariable("IMAGING_TESTDATA");
            if (string.IsNullOrEmpty(testData))
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Imaging.sln"))) dir = dir.Parent;
                if (dir is null) throw new InvalidOperationException($"Cannot find Imaging.sln above {AppContext.BaseDirectory}; set {SourceEnvironmentVariable}.");
                testData = Path.Combine(dir.FullName, "..", "shared", "testdata");
            }
            return Path.GetFullPath(Path.Combine(testData, "ct_mr", "CT_LCTSC_chest_TCIA.dcm"));
        }
    }

    // ---- the 400 CT files --------------------------------------------------------------------------------

    /// <summary>The 400 CT files (generated on first use), sorted by name.</summary>
    public static string[] EnsureCt(TextWriter? log = null)
    {
        var folder = CtFolder;
        var marker = Path.Combine(folder, ".complete");
        var source = SourceCt;
        var stamp = $"{CacheVersion} count={CtFileCount} source={new FileInfo(source).Length}";
        if (File.Exists(marker) && File.ReadAllText(marker) == stamp)
        {
            var existing = ListCt(folder);
            if (existing.Length == CtFileCount) return existing;
        }

        log?.WriteLine($"Generating {CtFileCount} CT files from {source} into {folder} ...");
        var partial = folder + ".partial-" + Environment.ProcessId;
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);

        // Everything loaded (pixel data too), so writing never reads back from the source file.
        var file = DicomFileReader.Read(source, new DicomReaderOptions { LargeValueThreshold = int.MaxValue });
        var ds = file.Dataset;
        var position = ds.GetStrings(Tags.ImagePositionPatient);
        var x = position.Length == 3 ? position[0] : "-249.511719";
        var y = position.Length == 3 ? position[1] : "-483.011719";
        var z0 = ds.GetDecimal(Tags.SliceLocation) ?? -640.2;
        var thickness = ds.GetDecimal(Tags.SliceThickness) ?? 3.0;
        for (var i = 0; i < CtFileCount; i++)
        {
            var uid = Uid($"ct400/{i}");
            var z = z0 + i * thickness;
            ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, uid);
            file.FileMetaInformation.SetString(DicomTag.MediaStorageSopInstanceUid, DicomVR.UI, uid);
            ds.SetString(Tags.InstanceNumber, DicomVR.IS, (i + 1).ToString(CultureInfo.InvariantCulture));
            ds.SetString(Tags.SliceLocation, DicomVR.DS, Ds(z));
            ds.SetString(Tags.ImagePositionPatient, DicomVR.DS, x, y, Ds(z));
            DicomFileWriter.Write(Path.Combine(partial, $"ct_{i + 1:D4}.dcm"), file);
        }

        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.Move(partial, folder);
        File.WriteAllText(marker, stamp);
        return ListCt(folder);
    }

    private static string[] ListCt(string folder) =>
        Directory.EnumerateFiles(folder, "ct_*.dcm").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Total and average size of the CT files (for the MB/s columns).</summary>
    public static (long Total, double Average) CtSizes(string[] files)
    {
        long total = 0;
        foreach (var f in files) total += new FileInfo(f).Length;
        return (total, files.Length == 0 ? 0 : (double)total / files.Length);
    }

    // ---- the 1 GiB multi-frame files ----------------------------------------------------------------------

    public static string EnsureLarge(LargeKind kind, TextWriter? log = null)
    {
        var path = LargePath(kind);
        var marker = path + ".complete";
        var stamp = $"{CacheVersion} frames={LargeFrameCount}";
        if (File.Exists(path) && File.Exists(marker) && File.ReadAllText(marker) == stamp) return path;

        Directory.CreateDirectory(Root);
        log?.WriteLine($"Generating {path} ({LargeFrameCount} frames of {Rows}x{Columns}x16 bit, {LargePixelBytes} bytes of pixel data) ...");
        var partial = path + ".partial-" + Environment.ProcessId;
        var dataset = kind == LargeKind.Nm ? BuildNmHeader() : BuildEnhancedCtHeader();
        var file = new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            // Meta group and header through our own writer; Pixel Data appended by hand, streamed in 1 MiB chunks.
            DicomFileWriter.Write(stream, file);
            Span<byte> header = stackalloc byte[12];
            BinaryPrimitives.WriteUInt16LittleEndian(header, DicomTag.PixelData.Group);
            BinaryPrimitives.WriteUInt16LittleEndian(header[2..], DicomTag.PixelData.Element);
            header[4] = (byte)'O';
            header[5] = (byte)'W';
            header[6] = header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], checked((uint)LargePixelBytes));
            stream.Write(header);

            var chunk = new byte[2 * FrameBytes]; // two frames per write
            var words = MemoryMarshal.Cast<byte, ushort>(chunk.AsSpan());
            for (var frame = 0; frame < LargeFrameCount; frame += 2)
            {
                // A cheap, frame-dependent pattern (so the frames differ and nothing is sparse on disk).
                for (var f = 0; f < 2; f++)
                {
                    var w = words.Slice(f * (int)(FrameBytes / 2), (int)(FrameBytes / 2));
                    var baseValue = (ushort)((frame + f) * 7);
                    for (var i = 0; i < w.Length; i++) w[i] = (ushort)(baseValue + (i & 0x3FF));
                }
                stream.Write(chunk);
            }
            stream.Flush(flushToDisk: false);
        }
        File.Move(partial, path, overwrite: true);
        File.WriteAllText(marker, stamp);
        return path;
    }

    /// <summary>A plausible NM multi-frame header: small, with a 2048-value Slice Vector.</summary>
    private static DicomDataset BuildNmHeader()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        ds.SetString(Tags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "TOMO", "EMISSION");
        ds.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.20");
        ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, Uid("large/nm"));
        AddPatientStudySeries(ds, "NM");
        ds.SetString(Tags.NumberOfFrames, DicomVR.IS, LargeFrameCount.ToString(CultureInfo.InvariantCulture));
        ds.Set(DicomElement.FromTags(Tags.FrameIncrementPointer, Tags.SliceVector));
        AddImagePixelModule(ds);

        var range = new DicomDataset();
        range.SetString(Tags.EnergyWindowLowerLimit, DicomVR.DS, "126.45");
        range.SetString(Tags.EnergyWindowUpperLimit, DicomVR.DS, "154.55");
        var window = new DicomDataset { UndefinedLength = true };
        window.Set(new DicomSequence(Tags.EnergyWindowRangeSequence, [range]) { UndefinedLength = true });
        window.SetString(Tags.EnergyWindowName, DicomVR.SH, "TC99M");
        ds.SetValues(Tags.NumberOfEnergyWindows, DicomVR.US, (ushort)1);
        ds.Set(new DicomSequence(Tags.EnergyWindowInformationSequence, [window]) { UndefinedLength = true });

        var detector = new DicomDataset { UndefinedLength = true };
        detector.SetString(Tags.ImagePositionPatient, DicomVR.DS, "-250", "-250", "0");
        detector.SetString(Tags.ImageOrientationPatient, DicomVR.DS, "1", "0", "0", "0", "1", "0");
        ds.SetValues(Tags.NumberOfDetectors, DicomVR.US, (ushort)1);
        ds.Set(new DicomSequence(Tags.DetectorInformationSequence, [detector]) { UndefinedLength = true });

        var sliceVector = new ushort[LargeFrameCount];
        for (var i = 0; i < sliceVector.Length; i++) sliceVector[i] = (ushort)(i + 1);
        ds.SetValues(Tags.SliceVector, DicomVR.US, sliceVector);
        ds.SetValues(Tags.NumberOfSlices, DicomVR.US, (ushort)LargeFrameCount);
        return ds;
    }

    /// <summary>An enhanced-CT-style header: shared functional groups plus 2048 per-frame items, each with four
    /// nested sequences (~18 attributes per frame, ~37 000 in all) — the header shape that makes header reads expensive.</summary>
    private static DicomDataset BuildEnhancedCtHeader()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        ds.SetString(Tags.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL", "NONE");
        ds.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2.1");
        ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, Uid("large/enhanced-ct"));
        AddPatientStudySeries(ds, "CT");
        ds.SetString(Tags.NumberOfFrames, DicomVR.IS, LargeFrameCount.ToString(CultureInfo.InvariantCulture));
        AddImagePixelModule(ds);

        var organizationUid = Uid("large/enhanced-ct/dimension-organization");
        var organization = new DicomDataset { UndefinedLength = true };
        organization.SetString(Tags.DimensionOrganizationUid, DicomVR.UI, organizationUid);
        ds.Set(new DicomSequence(Tags.DimensionOrganizationSequence, [organization]) { UndefinedLength = true });
        var stackIndex = new DicomDataset { UndefinedLength = true };
        stackIndex.SetString(Tags.DimensionOrganizationUid, DicomVR.UI, organizationUid);
        stackIndex.Set(DicomElement.FromTags(Tags.DimensionIndexPointer, Tags.StackId));
        stackIndex.Set(DicomElement.FromTags(Tags.FunctionalGroupPointer, Tags.FrameContentSequence));
        var positionIndex = new DicomDataset { UndefinedLength = true };
        positionIndex.SetString(Tags.DimensionOrganizationUid, DicomVR.UI, organizationUid);
        positionIndex.Set(DicomElement.FromTags(Tags.DimensionIndexPointer, Tags.InStackPositionNumber));
        positionIndex.Set(DicomElement.FromTags(Tags.FunctionalGroupPointer, Tags.FrameContentSequence));
        ds.Set(new DicomSequence(Tags.DimensionIndexSequence, [stackIndex, positionIndex]) { UndefinedLength = true });

        var orientation = new DicomDataset { UndefinedLength = true };
        orientation.SetString(Tags.ImageOrientationPatient, DicomVR.DS, "1", "0", "0", "0", "1", "0");
        var measures = new DicomDataset { UndefinedLength = true };
        measures.SetString(Tags.SliceThickness, DicomVR.DS, "0.625");
        measures.SetString(Tags.PixelSpacing, DicomVR.DS, "0.976562", "0.976562");
        var shared = new DicomDataset { UndefinedLength = true };
        shared.Set(new DicomSequence(Tags.PlaneOrientationSequence, [orientation]) { UndefinedLength = true });
        shared.Set(new DicomSequence(Tags.PixelMeasuresSequence, [measures]) { UndefinedLength = true });
        ds.Set(new DicomSequence(Tags.SharedFunctionalGroupsSequence, [shared]) { UndefinedLength = true });

        var frames = new DicomSequence(Tags.PerFrameFunctionalGroupsSequence) { UndefinedLength = true };
        for (var i = 0; i < LargeFrameCount; i++)
        {
            var content = new DicomDataset { UndefinedLength = true };
            content.SetString(Tags.StackId, DicomVR.SH, "1");
            content.SetValues(Tags.InStackPositionNumber, DicomVR.UL, (uint)(i + 1));
            content.SetValues(Tags.DimensionIndexValues, DicomVR.UL, 1u, (uint)(i + 1));
            var position = new DicomDataset { UndefinedLength = true };
            position.SetString(Tags.ImagePositionPatient, DicomVR.DS, "-249.511719", "-483.011719", Ds(-640.2 + i * 0.625));
            var voi = new DicomDataset { UndefinedLength = true };
            voi.SetString(Tags.WindowCenter, DicomVR.DS, "40");
            voi.SetString(Tags.WindowWidth, DicomVR.DS, "400");
            var rescale = new DicomDataset { UndefinedLength = true };
            rescale.SetString(Tags.RescaleIntercept, DicomVR.DS, "-1024");
            rescale.SetString(Tags.RescaleSlope, DicomVR.DS, "1");
            rescale.SetString(Tags.RescaleType, DicomVR.LO, "HU");
            var item = new DicomDataset { UndefinedLength = true };
            item.Set(new DicomSequence(Tags.FrameContentSequence, [content]) { UndefinedLength = true });
            item.Set(new DicomSequence(Tags.PlanePositionSequence, [position]) { UndefinedLength = true });
            item.Set(new DicomSequence(Tags.FrameVoiLutSequence, [voi]) { UndefinedLength = true });
            item.Set(new DicomSequence(Tags.PixelValueTransformationSequence, [rescale]) { UndefinedLength = true });
            frames.Add(item);
        }
        ds.Set(frames);
        return ds;
    }

    private static void AddPatientStudySeries(DicomDataset ds, string modality)
    {
        ds.SetString(Tags.StudyDate, DicomVR.DA, "20260101");
        ds.SetString(Tags.StudyTime, DicomVR.TM, "120000");
        ds.SetString(Tags.AccessionNumber, DicomVR.SH, "BENCH0001");
        ds.SetString(Tags.Modality, DicomVR.CS, modality);
        ds.SetString(Tags.Manufacturer, DicomVR.LO, "Imaging benchmark generator");
        ds.SetString(Tags.PatientName, DicomVR.PN, "Bench^Large");
        ds.SetString(Tags.PatientId, DicomVR.LO, "BENCH-LARGE");
        ds.SetString(Tags.PatientBirthDate, DicomVR.DA, "19700101");
        ds.SetString(Tags.PatientSex, DicomVR.CS, "O");
        ds.SetString(Tags.StudyInstanceUid, DicomVR.UI, Uid("large/study"));
        ds.SetString(Tags.SeriesInstanceUid, DicomVR.UI, Uid($"large/series/{modality}"));
        ds.SetString(Tags.StudyId, DicomVR.SH, "1");
        ds.SetString(Tags.SeriesNumber, DicomVR.IS, "1");
        ds.SetString(Tags.InstanceNumber, DicomVR.IS, "1");
        ds.SetString(Tags.FrameOfReferenceUid, DicomVR.UI, Uid("large/frame-of-reference"));
    }

    private static void AddImagePixelModule(DicomDataset ds)
    {
        ds.SetValues(Tags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.SetString(Tags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.SetValues(Tags.Rows, DicomVR.US, (ushort)Rows);
        ds.SetValues(Tags.Columns, DicomVR.US, (ushort)Columns);
        ds.SetValues(DicomTag.BitsAllocated, DicomVR.US, (ushort)16);
        ds.SetValues(Tags.BitsStored, DicomVR.US, (ushort)16);
        ds.SetValues(Tags.HighBit, DicomVR.US, (ushort)15);
        ds.SetValues(Tags.PixelRepresentation, DicomVR.US, (ushort)0);
    }

    /// <summary>A deterministic UUID-derived UID (PS3.5 B.2: "2.25." and the UUID as one decimal integer).</summary>
    public static string Uid(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("imaging-dicom-bench/" + seed)).AsSpan(0, 16).ToArray();
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (custom), variant 10xx
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return "2.25." + new BigInteger(hash, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
    }

    private static string Ds(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

public enum LargeKind
{
    Nm,
    EnhancedCt,
}

/// <summary>Tags used here that the codec's structural list (<see cref="DicomTag"/>) does not name (numbers from PS3.6).</summary>
internal static class Tags
{
    public static readonly DicomTag ImageType = new(0x0008, 0x0008);
    public static readonly DicomTag StudyDate = new(0x0008, 0x0020);
    public static readonly DicomTag StudyTime = new(0x0008, 0x0030);
    public static readonly DicomTag AccessionNumber = new(0x0008, 0x0050);
    public static readonly DicomTag Modality = new(0x0008, 0x0060);
    public static readonly DicomTag Manufacturer = new(0x0008, 0x0070);
    public static readonly DicomTag PatientName = new(0x0010, 0x0010);
    public static readonly DicomTag PatientId = new(0x0010, 0x0020);
    public static readonly DicomTag PatientBirthDate = new(0x0010, 0x0030);
    public static readonly DicomTag PatientSex = new(0x0010, 0x0040);
    public static readonly DicomTag SliceThickness = new(0x0018, 0x0050);
    public static readonly DicomTag StudyInstanceUid = new(0x0020, 0x000D);
    public static readonly DicomTag SeriesInstanceUid = new(0x0020, 0x000E);
    public static readonly DicomTag StudyId = new(0x0020, 0x0010);
    public static readonly DicomTag SeriesNumber = new(0x0020, 0x0011);
    public static readonly DicomTag InstanceNumber = new(0x0020, 0x0013);
    public static readonly DicomTag ImagePositionPatient = new(0x0020, 0x0032);
    public static readonly DicomTag ImageOrientationPatient = new(0x0020, 0x0037);
    public static readonly DicomTag FrameOfReferenceUid = new(0x0020, 0x0052);
    public static readonly DicomTag SliceLocation = new(0x0020, 0x1041);
    public static readonly DicomTag StackId = new(0x0020, 0x9056);
    public static readonly DicomTag InStackPositionNumber = new(0x0020, 0x9057);
    public static readonly DicomTag FrameContentSequence = new(0x0020, 0x9111);
    public static readonly DicomTag PlanePositionSequence = new(0x0020, 0x9113);
    public static readonly DicomTag PlaneOrientationSequence = new(0x0020, 0x9116);
    public static readonly DicomTag DimensionIndexValues = new(0x0020, 0x9157);
    public static readonly DicomTag DimensionOrganizationUid = new(0x0020, 0x9164);
    public static readonly DicomTag DimensionIndexPointer = new(0x0020, 0x9165);
    public static readonly DicomTag FunctionalGroupPointer = new(0x0020, 0x9167);
    public static readonly DicomTag DimensionOrganizationSequence = new(0x0020, 0x9221);
    public static readonly DicomTag DimensionIndexSequence = new(0x0020, 0x9222);
    public static readonly DicomTag SamplesPerPixel = new(0x0028, 0x0002);
    public static readonly DicomTag PhotometricInterpretation = new(0x0028, 0x0004);
    public static readonly DicomTag NumberOfFrames = new(0x0028, 0x0008);
    public static readonly DicomTag FrameIncrementPointer = new(0x0028, 0x0009);
    public static readonly DicomTag Rows = new(0x0028, 0x0010);
    public static readonly DicomTag Columns = new(0x0028, 0x0011);
    public static readonly DicomTag PixelSpacing = new(0x0028, 0x0030);
    public static readonly DicomTag BitsStored = new(0x0028, 0x0101);
    public static readonly DicomTag HighBit = new(0x0028, 0x0102);
    public static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);
    public static readonly DicomTag WindowCenter = new(0x0028, 0x1050);
    public static readonly DicomTag WindowWidth = new(0x0028, 0x1051);
    public static readonly DicomTag RescaleIntercept = new(0x0028, 0x1052);
    public static readonly DicomTag RescaleSlope = new(0x0028, 0x1053);
    public static readonly DicomTag RescaleType = new(0x0028, 0x1054);
    public static readonly DicomTag PixelMeasuresSequence = new(0x0028, 0x9110);
    public static readonly DicomTag FrameVoiLutSequence = new(0x0028, 0x9132);
    public static readonly DicomTag PixelValueTransformationSequence = new(0x0028, 0x9145);
    public static readonly DicomTag EnergyWindowLowerLimit = new(0x0054, 0x0014);
    public static readonly DicomTag EnergyWindowUpperLimit = new(0x0054, 0x0015);
    public static readonly DicomTag NumberOfEnergyWindows = new(0x0054, 0x0011);
    public static readonly DicomTag EnergyWindowInformationSequence = new(0x0054, 0x0012);
    public static readonly DicomTag EnergyWindowRangeSequence = new(0x0054, 0x0013);
    public static readonly DicomTag EnergyWindowName = new(0x0054, 0x0018);
    public static readonly DicomTag NumberOfDetectors = new(0x0054, 0x0021);
    public static readonly DicomTag DetectorInformationSequence = new(0x0054, 0x0022);
    public static readonly DicomTag SliceVector = new(0x0054, 0x0080);
    public static readonly DicomTag NumberOfSlices = new(0x0054, 0x0081);
    public static readonly DicomTag SharedFunctionalGroupsSequence = new(0x5200, 0x9229);
    public static readonly DicomTag PerFrameFunctionalGroupsSequence = new(0x5200, 0x9230);
}
