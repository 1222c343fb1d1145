namespace Imaging.Dicom.IO;

/// <summary>A transfer syntax and the encoding facts the codec needs from it (PS3.5 Section 10, Annex A).</summary>
public sealed class DicomTransferSyntax
{
    private static readonly Dictionary<string, DicomTransferSyntax> Known = new(StringComparer.Ordinal);

    private DicomTransferSyntax(string uid, string name, bool explicitVR, bool bigEndian, bool deflated, bool encapsulated, bool lossy, bool retired = false)
    {
        Uid = uid;
        Name = name;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        IsEncapsulated = encapsulated;
        IsLossy = lossy;
        IsRetired = retired;
    }

    public string Uid { get; }
    public string Name { get; }
    public bool IsExplicitVR { get; }
    public bool IsBigEndian { get; }
    public bool IsDeflated { get; }
    public bool IsEncapsulated { get; }
    public bool IsLossy { get; }
    public bool IsRetired { get; }

    /// <summary>True for a UID this toolkit has no entry for; read as encapsulated Explicit VR Little Endian (PS3.5 A.4).</summary>
    public bool IsUnknown { get; private init; }

    public override string ToString() => $"{Name} ({Uid})";

    private static DicomTransferSyntax Add(DicomTransferSyntax ts) { Known[ts.Uid] = ts; return ts; }

    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = Add(new("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false, false));
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = Add(new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false, false));
    public static readonly DicomTransferSyntax EncapsulatedUncompressedExplicitVRLittleEndian = Add(new("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", true, false, false, true, false));
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = Add(new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false, false));
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = Add(new("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false, false, retired: true));
    public static readonly DicomTransferSyntax JpegBaseline = Add(new("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, false, true, true));
    public static readonly DicomTransferSyntax JpegExtended = Add(new("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, false, true, true));
    public static readonly DicomTransferSyntax JpegExtended35 = Add(new("1.2.840.10008.1.2.4.52", "JPEG Extended (Process 3 & 5)", true, false, false, true, true, true));
    public static readonly DicomTransferSyntax JpegSpectral68 = Add(new("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8)", true, false, false, true, true, true));
    public static readonly DicomTransferSyntax JpegSpectral79 = Add(new("1.2.840.10008.1.2.4.54", "JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9)", true, false, false, true, true, true));
    public static readonly DicomTransferSyntax JpegFullProgression1012 = Add(new("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12)", true, false, false, true, true, true));
    public static readonly DicomTransferSyntax JpegFullProgression1113 = Add(new("1.2.840.10008.1.2.4.56", "JPEG Full Progression, Non-Hierarchical (Process 11 & 13)", true, false, false, true, true, true));
    public static readonly DicomTransferSyntax JpegLossless = Add(new("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false, true, false));
    public static readonly DicomTransferSyntax JpegLossless15 = Add(new("1.2.840.10008.1.2.4.58", "JPEG Lossless, Non-Hierarchical (Process 15)", true, false, false, true, false, true));
    public static readonly DicomTransferSyntax JpegLosslessSV1 = Add(new("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", true, false, false, true, false));
    public static readonly DicomTransferSyntax JpegLsLossless = Add(new("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", true, false, false, true, false));
    public static readonly DicomTransferSyntax JpegLsNearLossless = Add(new("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", true, false, false, true, true));
    public static readonly DicomTransferSyntax Jpeg2000Lossless = Add(new("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", true, false, false, true, false));
    public static readonly DicomTransferSyntax Jpeg2000 = Add(new("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", true, false, false, true, true));
    public static readonly DicomTransferSyntax Jpeg2000Part2MulticomponentLossless = Add(new("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)", true, false, false, true, false));
    public static readonly DicomTransferSyntax Jpeg2000Part2Multicomponent = Add(new("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression", true, false, false, true, true));
    public static readonly DicomTransferSyntax JpipReferenced = Add(new("1.2.840.10008.1.2.4.94", "JPIP Referenced", true, false, false, false, false));
    public static readonly DicomTransferSyntax JpipReferencedDeflate = Add(new("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", true, false, true, false, false));
    public static readonly DicomTransferSyntax Mpeg2MainProfile = Add(new("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", true, false, false, true, true));
    public static readonly DicomTransferSyntax Mpeg2MainProfileFragmentable = Add(new("1.2.840.10008.1.2.4.100.1", "Fragmentable MPEG2 Main Profile / Main Level", true, false, false, true, true));
    public static readonly DicomTransferSyntax Mpeg2HighProfile = Add(new("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", true, false, false, true, true));
    public static readonly DicomTransferSyntax Mpeg2HighProfileFragmentable = Add(new("1.2.840.10008.1.2.4.101.1", "Fragmentable MPEG2 Main Profile / High Level", true, false, false, true, true));
    public static readonly DicomTransferSyntax Mpeg4HighProfile = Add(new("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", true, false, false, true, true));
    public static readonly DicomTransferSyntax Mpeg4HighProfileFragmentable = Add(new("1.2.840.10008.1.2.4.102.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1", true, false, false, true, true));
    public static readonly DicomTransferSyntax Mpeg4BdCompatible = Add(new("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", true, false, false, true, true));
    public static readonly DicomTransferSyntax Mpeg4BdCompatibleFragmentable = Add(new("1.2.840.10008.1.2.4.103.1", "Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", true, false, false, true, true));
    public static readonly DicomTransferSyntax Mpeg4HighProfile2D = Add(new("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", true, false, false, true, true));
    public static readonly DicomTransferSyntax Mpeg4HighProfile3D = Add(new("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", true, false, false, true, true));
    public static readonly DicomTransferSyntax Mpeg4StereoHighProfile = Add(new("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", true, false, false, true, true));
    public static readonly DicomTransferSyntax Hevc = Add(new("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", true, false, false, true, true));
    public static readonly DicomTransferSyntax Hevc10 = Add(new("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", true, false, false, true, true));
    public static readonly DicomTransferSyntax HtJ2kLossless = Add(new("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", true, false, false, true, false));
    public static readonly DicomTransferSyntax HtJ2kRpclLossless = Add(new("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", true, false, false, true, false));
    public static readonly DicomTransferSyntax HtJ2k = Add(new("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", true, false, false, true, true));
    public static readonly DicomTransferSyntax JpipHtJ2kReferenced = Add(new("1.2.840.10008.1.2.4.204", "JPIP HTJ2K Referenced", true, false, false, false, false));
    public static readonly DicomTransferSyntax JpipHtJ2kReferencedDeflate = Add(new("1.2.840.10008.1.2.4.205", "JPIP HTJ2K Referenced Deflate", true, false, true, false, false));
    public static readonly DicomTransferSyntax RleLossless = Add(new("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, true, false));
    public static readonly DicomTransferSyntax SmpteSt2110_20Uncompressed = Add(new("1.2.840.10008.1.2.7.1", "SMPTE ST 2110-20 Uncompressed Progressive Active Video", true, false, false, true, false));
    public static readonly DicomTransferSyntax SmpteSt2110_20Interlaced = Add(new("1.2.840.10008.1.2.7.2", "SMPTE ST 2110-20 Uncompressed Interlaced Active Video", true, false, false, true, false));
    public static readonly DicomTransferSyntax SmpteSt2110_30 = Add(new("1.2.840.10008.1.2.7.3", "SMPTE ST 2110-30 PCM Digital Audio", true, false, false, true, false));

    /// <summary>Every transfer syntax this toolkit knows, by UID.</summary>
    public static IReadOnlyCollection<DicomTransferSyntax> All => Known.Values;

    public static bool TryLookup(string uid, out DicomTransferSyntax syntax) => Known.TryGetValue(uid, out syntax!);

    /// <summary>The syntax for <paramref name="uid"/>; an unknown UID gets an entry that reads as encapsulated Explicit VR
    /// Little Endian, which is what PS3.5 requires of every transfer syntax defined after the first three.</summary>
    public static DicomTransferSyntax Lookup(string uid) =>
        TryLookup(uid, out var ts) ? ts : new DicomTransferSyntax(uid, "Unknown", true, false, false, true, false) { IsUnknown = true };

    /// <summary>Uncompressed syntaxes a dataset can be transcoded between without a pixel codec.</summary>
    public bool IsUncompressedNative => !IsEncapsulated && !IsUnknown && Uid is not ("1.2.840.10008.1.2.4.94" or "1.2.840.10008.1.2.4.95" or "1.2.840.10008.1.2.4.204" or "1.2.840.10008.1.2.4.205");
}
