using Imaging.Dicom.IO;

namespace Imaging.Api.DicomWeb;

/// <summary>The single-frame media type of each compressed transfer syntax (PS3.18 section 8.7.3.5.2, Table 8.7.3-5), for
/// frames served as stored.</summary>
internal static class TransferSyntaxMediaTypes
{
    private static readonly Dictionary<string, string> ByUid = new(StringComparer.Ordinal)
    {
        [DicomTransferSyntax.JpegBaseline.Uid] = "image/jpeg",
        [DicomTransferSyntax.JpegExtended.Uid] = "image/jpeg",
        [DicomTransferSyntax.JpegLossless.Uid] = "image/jpeg",
        [DicomTransferSyntax.JpegLosslessSV1.Uid] = "image/jpeg",
        [DicomTransferSyntax.JpegLsLossless.Uid] = "image/jls",
        [DicomTransferSyntax.JpegLsNearLossless.Uid] = "image/jls",
        [DicomTransferSyntax.Jpeg2000Lossless.Uid] = "image/jp2",
        [DicomTransferSyntax.Jpeg2000.Uid] = "image/jp2",
        [DicomTransferSyntax.Jpeg2000Part2MulticomponentLossless.Uid] = "image/jpx",
        [DicomTransferSyntax.Jpeg2000Part2Multicomponent.Uid] = "image/jpx",
        [DicomTransferSyntax.HtJ2kLossless.Uid] = "image/jphc",
        [DicomTransferSyntax.HtJ2kRpclLossless.Uid] = "image/jphc",
        [DicomTransferSyntax.HtJ2k.Uid] = "image/jphc",
        [DicomTransferSyntax.RleLossless.Uid] = "image/dicom-rle",
    };

    /// <summary>The media type of a stored compressed frame, or null for a syntax that has none here.</summary>
    public static string? Of(string transferSyntaxUid) => ByUid.GetValueOrDefault(transferSyntaxUid);
}
