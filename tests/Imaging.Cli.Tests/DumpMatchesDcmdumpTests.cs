using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Dump;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests;

/// <summary>Our dump against DCMTK's dcmdump for the same file, element line by element line.</summary>
public sealed class DumpMatchesDcmdumpTests
{
    /// <summary>Explicit VR files of the corpus: bone scans (native and compressed), CT and MR, big endian, deflated,
    /// nested and private sequences, UN values. Implicit VR files join once the data dictionary gives their VRs.</summary>
    public static TheoryData<string> Files =>
    [
        "nm/WG04_NM1_UNC.dcm",
        "nm/WG04_NM1_JPLL.dcm",
        "nm/WG04_NM1_RLE.dcm",
        "nm/NM-MONO2-16-13x-heart.dcm",
        "ct_mr/CT_LCTSC_chest_TCIA.dcm",
        "ct_mr/CT_WG04_CT1_EBE.dcm",
        "ct_mr/CT_siemens_head_CSA_CC0.dcm",
        "ct_mr/CT_enhanced_eCT_Supplemental.dcm",
        "ct_mr/MR_brain_TS1_ELE.dcm",
        "ct_mr/MR_enhanced_emri_small.dcm",
        "interop/structure/GH184_PET_private_nested_SQ.dcm",
        "interop/structure/SEG_TCGA-GBM.dcm",
        "interop/ts/wave_dfl_Deflated_waveform.dcm",
        "interop/ts/CT0012_JPEGext_frag_noBOT.dcm",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_element_line_matches_dcmdump_in_tag_vr_value_length_and_multiplicity(string relative)
    {
        var path = TestPaths.Corpus(relative);
        // -Un: UIDs as numbers, as we print them (we have no UID-name table).
        var theirs = DumpLine.ParseAll((await ExternalTool.RunAsync("dcmdump", ["-Un", path])).EnsureSuccess("dcmdump").StandardOutput);
        var ours = DumpLine.ParseAll(DicomDumpFormatter.Format(DicomFileReader.Read(path)));

        Assert.True(theirs.Count > 20, $"dcmdump printed only {theirs.Count} element lines");
        var mismatches = ours.Zip(theirs)
            .Select((pair, i) => (i, pair.First, pair.Second, why: DumpComparison.Difference(pair.First, pair.Second)))
            .Where(x => x.why is not null)
            .Take(5)
            .Select(x => $"line {x.i} ({x.why}):\n  ours:    {x.First}\n  dcmdump: {x.Second}")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
        Assert.Equal(theirs.Count, ours.Count);
    }
}
