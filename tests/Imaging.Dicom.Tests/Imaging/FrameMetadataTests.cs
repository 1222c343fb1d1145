using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Imaging;

/// <summary>Per-frame metadata from functional groups and NM frame vectors (values checked with dcmdump).</summary>
public sealed class FrameMetadataTests
{
    private static DicomPixelData Open(string corpusFile)
    {
        var file = DicomFileReader.Read(TestPaths.Corpus(corpusFile));
        return DicomPixelData.Create(file.Dataset, file.TransferSyntax);
    }

    [Fact]
    public void Enhanced_ct_takes_rescale_window_and_spacing_from_shared_groups_and_position_from_per_frame_groups()
    {
        var pixels = Open("ct_mr/CT_enhanced_eCT_Supplemental.dcm");

        var first = pixels.GetFrameMetadata(0);
        var second = pixels.GetFrameMetadata(1);

        Assert.Equal(1.0, first.RescaleSlope);
        Assert.Equal(-1024.0, first.RescaleIntercept);
        Assert.Equal("US", first.RescaleType);
        Assert.Equal(new WindowSetting(49, 102, null), Assert.Single(first.Windows));
        Assert.Equal(new[] { 0.388672, 0.388672 }, first.PixelSpacing);
        Assert.Equal(10.0, first.SliceThickness);
        Assert.Equal(new[] { -1.0, 0, 0, 0, 1, 0 }, first.ImageOrientationPatient);
        Assert.Equal(new[] { 99.5, -301.5, -159.0 }, first.ImagePositionPatient);
        Assert.Equal(new[] { 99.5, -301.5, -149.0 }, second.ImagePositionPatient);
        Assert.Null(first.NuclearMedicine);
    }

    [Fact]
    public void Enhanced_mr_without_functional_groups_falls_back_to_the_top_level_attributes()
    {
        var pixels = Open("ct_mr/MR_enhanced_emri_small.dcm");

        var frame = pixels.GetFrameMetadata(9);

        Assert.Equal(9, frame.Frame);
        Assert.Equal(1.0, frame.RescaleSlope);
        Assert.Equal(0.0, frame.RescaleIntercept);
        Assert.Empty(frame.Windows);
        Assert.Equal(1.2, frame.SpacingBetweenSlices);
        Assert.Null(frame.ImagePositionPatient);
    }

    [Fact]
    public void Per_frame_rescale_and_window_override_shared_ones()
    {
        var pixels = Open("ct_mr/CT_enhanced_eCT_Supplemental.dcm");
        var dataset = pixels.Dataset;
        var perFrame = dataset.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence)!;
        var rescale = new DicomDataset();
        rescale.SetString(DicomTags.RescaleIntercept, DicomVR.DS, "-1000");
        rescale.SetString(DicomTags.RescaleSlope, DicomVR.DS, "2");
        perFrame.Items[1].Set(new DicomSequence(DicomTags.PixelValueTransformationSequence, [rescale]));
        var voi = new DicomDataset();
        voi.SetString(DicomTags.WindowCenter, DicomVR.DS, "40", "300");
        voi.SetString(DicomTags.WindowWidth, DicomVR.DS, "400", "1500");
        voi.SetString(DicomTags.WindowCenterWidthExplanation, DicomVR.LO, "SOFT", "BONE");
        perFrame.Items[1].Set(new DicomSequence(DicomTags.FrameVOILUTSequence, [voi]));

        var reopened = DicomPixelData.Create(dataset, pixels.TransferSyntax);
        var frame = reopened.GetFrameMetadata(1);

        Assert.Equal(2.0, frame.RescaleSlope);
        Assert.Equal(-1000.0, frame.RescaleIntercept);
        Assert.Equal([new WindowSetting(40, 400, "SOFT"), new WindowSetting(300, 1500, "BONE")], frame.Windows);
        Assert.Equal(-1024.0, reopened.GetFrameMetadata(0).RescaleIntercept);
    }

    [Fact]
    public void Nm_tomo_frames_carry_their_slice_index_from_the_frame_increment_pointer()
    {
        var pixels = Open("nm/NM-MONO2-16-13x-heart.dcm");

        for (var f = 0; f < pixels.FrameCount; f++)
        {
            var nm = pixels.GetFrameMetadata(f).NuclearMedicine!;
            Assert.Equal(f + 1, nm.Slice);
            Assert.Null(nm.Detector);
            Assert.Equal([new DicomTag(0x0054, 0x0080)], nm.FrameIncrementPointers);
        }
    }

    [Fact]
    public void Nm_whole_body_frames_carry_energy_window_and_detector()
    {
        var nm = Open("nm/WG04_NM1_UNC.dcm").GetFrameMetadata(0).NuclearMedicine!;

        Assert.Equal(1, nm.EnergyWindow);
        Assert.Equal(1, nm.Detector);
        Assert.Null(nm.Slice);
    }

    [Fact]
    public void Nm_detector_frames_name_their_view_so_anterior_and_posterior_can_be_told_apart()
    {
        var file = PixelTestFiles.Synthetic(2, 2, 1, 16, 16, false, 4, 0, "MONOCHROME2", new byte[32]);
        var ds = file.Dataset;
        ds.Set(DicomElement.FromTags(DicomTags.FrameIncrementPointer, DicomTags.EnergyWindowVector, DicomTags.DetectorVector));
        ds.SetValues(DicomTags.EnergyWindowVector, DicomVR.US, (ushort)1, (ushort)1, (ushort)2, (ushort)2);
        ds.SetValues(DicomTags.DetectorVector, DicomVR.US, (ushort)1, (ushort)2, (ushort)1, (ushort)2);
        ds.Set(new DicomSequence(DicomTags.DetectorInformationSequence, [Detector("anterior"), Detector("posterior")]));
        var pixels = DicomPixelData.Create(ds, file.TransferSyntax);

        var frames = Enumerable.Range(0, 4).Select(f => pixels.GetFrameMetadata(f).NuclearMedicine!).ToList();

        Assert.Equal(new int?[] { 1, 2, 1, 2 }, frames.Select(n => n.Detector));
        Assert.Equal(new int?[] { 1, 1, 2, 2 }, frames.Select(n => n.EnergyWindow));
        Assert.Equal(new[] { "anterior", "posterior", "anterior", "posterior" }, frames.Select(n => n.DetectorView));

        static DicomDataset Detector(string view)
        {
            var code = new DicomDataset();
            code.SetString(DicomTags.CodeMeaning, DicomVR.LO, view);
            var item = new DicomDataset();
            item.Set(new DicomSequence(DicomTags.ViewCodeSequence, [code]));
            return item;
        }
    }

    [Fact]
    public void An_nm_vector_shorter_than_the_frame_count_is_refused()
    {
        var file = PixelTestFiles.Synthetic(2, 2, 1, 16, 16, false, 3, 0, "MONOCHROME2", new byte[24]);
        file.Dataset.Set(DicomElement.FromTags(DicomTags.FrameIncrementPointer, DicomTags.DetectorVector));
        file.Dataset.SetValues(DicomTags.DetectorVector, DicomVR.US, (ushort)1, (ushort)2);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);

        var error = Assert.Throws<PixelDataException>(() => pixels.GetFrameMetadata(2));
        Assert.Contains("2 values for 3 frames", error.Message);
    }
}
