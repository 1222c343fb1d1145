using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Rendering.Tests.Support;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Rendering.Tests;

/// <summary>Where the renderer takes its inputs from: enhanced functional groups per frame, and registered codecs for
/// compressed frames.</summary>
public sealed class PipelineWiringTests
{
    private static DicomDataset Item(params (DicomTag Tag, double Value)[] values)
    {
        var item = new DicomDataset();
        foreach (var (tag, value) in values) SyntheticImage.SetDecimals(item, tag, value);
        return item;
    }

    private static DicomDataset Group(DicomTag macro, DicomDataset content)
    {
        var group = new DicomDataset();
        group.Set(new DicomSequence(macro, [content]));
        return group;
    }

    [Fact]
    public void Per_frame_functional_groups_override_the_shared_ones_frame_by_frame()
    {
        // Two frames with the same stored values; frame 2 has its own rescale, both share one window.
        var dataset = SyntheticImage.Create(1, 2, 1, 16, 16, 15, false, "MONOCHROME2", SyntheticImage.Words([100, 201, 100, 201]), frames: 2);
        var shared = Group(DicomTags.FrameVOILUTSequence, Item((DicomTags.WindowCenter, 150.5), (DicomTags.WindowWidth, 101)));
        shared.Set(new DicomSequence(DicomTags.PixelValueTransformationSequence, [Item((DicomTags.RescaleSlope, 1), (DicomTags.RescaleIntercept, 0))]));
        dataset.Set(new DicomSequence(DicomTags.SharedFunctionalGroupsSequence, [shared]));
        dataset.Set(new DicomSequence(DicomTags.PerFrameFunctionalGroupsSequence,
        [
            new DicomDataset(),
            Group(DicomTags.PixelValueTransformationSequence, Item((DicomTags.RescaleSlope, 1), (DicomTags.RescaleIntercept, 50))),
        ]));
        // A top-level window that the functional groups must win over.
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowCenter, 10000);
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowWidth, 10);

        var first = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0);
        var second = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 1);

        Assert.Equal(new byte[] { 0, 255 }, first.Pixels);
        Assert.Equal(new byte[] { 127, 255 }, second.Pixels);
    }

    /// <summary>Stands in for a real codec: hands back the samples of the same image stored uncompressed.</summary>
    private sealed class CopyingDecoder(byte[] samples) : IPixelDecoder
    {
        public IReadOnlyList<DicomTransferSyntax> TransferSyntaxes => [DicomTransferSyntax.JpegLosslessSV1];

        public DecodedFrameLayout Decode(ReadOnlySpan<byte> encodedFrame, PixelDataDescription description, Span<byte> destination)
        {
            samples.AsSpan(0, destination.Length).CopyTo(destination);
            return new DecodedFrameLayout(description.PhotometricInterpretation, description.PlanarConfiguration);
        }
    }

    [Fact]
    public void Compressed_frames_go_through_the_registered_decoder_and_render_like_the_native_file()
    {
        var native = DicomFileReader.Read(TestPaths.Corpus("nm/WG04_NM1_UNC.dcm"), new DicomReaderOptions { LargeValueThreshold = int.MaxValue });
        var compressed = DicomFileReader.Read(TestPaths.Corpus("nm/WG04_NM1_JPLL.dcm"));
        var samples = native.Dataset.GetElement(DicomTags.PixelData)!.Buffer.GetMemory().ToArray();
        var codecs = new PixelCodecRegistry();
        codecs.Register(new CopyingDecoder(samples));
        var options = new RenderOptions { Window = new VoiWindow(60, 120) };

        var fromCodec = FrameRenderer.Render(compressed, 0, options, codecs);
        var fromNative = FrameRenderer.Render(native, 0, options);

        Assert.Equal(fromNative.Pixels, fromCodec.Pixels);
    }
}
