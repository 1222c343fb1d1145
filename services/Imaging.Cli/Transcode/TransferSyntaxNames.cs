using Imaging.Dicom.IO;

namespace Imaging.Cli.Transcode;

/// <summary>Resolves what a user types for --transfer-syntax: a UID, a short name, or the syntax's full name.</summary>
internal static class TransferSyntaxNames
{
    private static readonly Dictionary<string, DicomTransferSyntax> Short = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ele"] = DicomTransferSyntax.ExplicitVRLittleEndian,
        ["explicit"] = DicomTransferSyntax.ExplicitVRLittleEndian,
        ["explicit-le"] = DicomTransferSyntax.ExplicitVRLittleEndian,
        ["ile"] = DicomTransferSyntax.ImplicitVRLittleEndian,
        ["implicit"] = DicomTransferSyntax.ImplicitVRLittleEndian,
        ["implicit-le"] = DicomTransferSyntax.ImplicitVRLittleEndian,
        ["ebe"] = DicomTransferSyntax.ExplicitVRBigEndian,
        ["explicit-be"] = DicomTransferSyntax.ExplicitVRBigEndian,
        ["deflated"] = DicomTransferSyntax.DeflatedExplicitVRLittleEndian,
        ["encapsulated-uncompressed"] = DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian,
        ["rle"] = DicomTransferSyntax.RleLossless,
        ["jpeg-baseline"] = DicomTransferSyntax.JpegBaseline,
        ["jpeg-extended"] = DicomTransferSyntax.JpegExtended,
        ["jpeg-lossless"] = DicomTransferSyntax.JpegLossless,
        ["jpeg-lossless-sv1"] = DicomTransferSyntax.JpegLosslessSV1,
        ["jpeg-ls"] = DicomTransferSyntax.JpegLsLossless,
        ["jpeg-ls-lossless"] = DicomTransferSyntax.JpegLsLossless,
        ["jpeg-ls-near-lossless"] = DicomTransferSyntax.JpegLsNearLossless,
        ["jpeg2000-lossless"] = DicomTransferSyntax.Jpeg2000Lossless,
        ["jpeg2000"] = DicomTransferSyntax.Jpeg2000,
        ["htj2k-lossless"] = DicomTransferSyntax.HtJ2kLossless,
        ["htj2k"] = DicomTransferSyntax.HtJ2k,
    };

    public static bool TryResolve(string text, out DicomTransferSyntax syntax)
    {
        text = text.Trim();
        if (Short.TryGetValue(text, out syntax!)) return true;
        if (DicomTransferSyntax.TryLookup(text, out syntax)) return true;
        foreach (var known in DicomTransferSyntax.All)
        {
            if (string.Equals(known.Name, text, StringComparison.OrdinalIgnoreCase))
            {
                syntax = known;
                return true;
            }
        }
        return false;
    }

    public static string ShortNames => string.Join(", ", Short.Keys);
}
