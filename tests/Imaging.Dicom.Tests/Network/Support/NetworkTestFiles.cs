using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Corpus files for the storage tests: one per kind of encoding, all well formed.</summary>
internal static class NetworkTestFiles
{
    /// <summary>Explicit and implicit little endian, big endian, RLE, JPEG lossless, JPEG-LS, JPEG 2000, deflate and a
    /// multi-frame; every SOP Instance UID distinct (the corpus re-encodes some images under the same UID).</summary>
    public static IReadOnlyList<string> SeveralTransferSyntaxes { get; } = Pick(
        "ct_mr/CT_WG04_CT1_ELE.dcm",
        "ct_mr/MR_brain_TS2_ILE.dcm",
        "ct_mr/MR_brain_TS3_EBE.dcm",
        "nm/WG04_NM1_RLE.dcm",
        "ct_mr/MR_brain_TS5_JPLL.dcm",
        "nm/WG04_NM1_JLSL.dcm",
        "nm/WG04_NM1_J2KR.dcm",
        "ct_mr/MR_enhanced_emri_small.dcm",
        "interop/ts/report_dfl_Deflated_SR.dcm");

    private static string[] Pick(params string[] relative)
    {
        var wellFormed = TestPaths.WellFormedCorpusFiles().ToHashSet(StringComparer.Ordinal);
        foreach (var file in relative)
        {
            if (!wellFormed.Contains(file)) throw new InvalidOperationException($"{file} is not in the well-formed corpus.");
        }
        return [.. relative.Select(TestPaths.Corpus)];
    }
}
