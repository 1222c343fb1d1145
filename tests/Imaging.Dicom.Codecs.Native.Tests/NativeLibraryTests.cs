using System.Runtime.InteropServices;
using Imaging.Dicom.Codecs.Native.Interop;
using Imaging.Dicom.Codecs.Native.Tests.Support;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Codecs.Native.Tests;

/// <summary>Finding the system libraries, reporting them, and failing clearly when one is absent.</summary>
public sealed class NativeLibraryTests
{
    [Fact]
    public void Availability_reports_both_debian_libraries_with_their_versions()
    {
        var availability = NativeCodecs.Availability;
        Assert.True(availability.IsJpegLsAvailable, availability.CharLs.ToString());
        Assert.True(availability.IsJpeg2000Available, availability.OpenJpeg.ToString());
        Assert.Equal("libcharls.so.2", availability.CharLs.LoadedFrom);
        Assert.Equal("libopenjp2.so.7", availability.OpenJpeg.LoadedFrom);
        Assert.StartsWith("2.", availability.CharLs.Version, StringComparison.Ordinal);
        Assert.StartsWith("2.5", availability.OpenJpeg.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_openjpeg_is_a_pixel_data_error_naming_the_debian_package()
    {
        var decoder = new Jpeg2000Decoder(() => Absent("OpenJPEG", "libopenjp2.so.7", "libopenjp2-7", "opj_version"));
        var file = PixelFiles.Encoded(TestPaths.Corpus("ct_mr/MR_brain_TS9_J2KR.dcm"));
        var error = Assert.Throws<PixelDataException>(() => decoder.Decode(file.Frames[0], file.Description, new byte[file.Description.FrameLength]));
        Assert.StartsWith("JPEG 2000 needs libopenjp2.so.7 (Debian: apt-get install libopenjp2-7)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_charls_is_a_pixel_data_error_naming_the_debian_package()
    {
        var decoder = new JpegLsDecoder(() => Absent("CharLS", "libcharls.so.2", "libcharls2", "charls_get_version_string"));
        var file = PixelFiles.Encoded(TestPaths.Corpus("ct_mr/MR_brain_TS8_JLSL_dcmtk.dcm"));
        var error = Assert.Throws<PixelDataException>(() => decoder.Decode(file.Frames[0], file.Description, new byte[file.Description.FrameLength]));
        Assert.StartsWith("JPEG-LS needs libcharls.so.2 (Debian: apt-get install libcharls2)", error.Message, StringComparison.Ordinal);
        Assert.Throws<PixelDataException>(() => decoder.ReadInfo(file.Frames[0]));
    }

    [Fact]
    public void A_library_too_old_for_the_imported_api_counts_as_absent()
    {
        // libopenjp2 answers opj_version with "2.5.x": demanding 3.x stands in for an older build on another distribution.
        var binding = NativeLibraryBinding.Probe("OpenJPEG", "libopenjp2.so.7", "libopenjp2-7", ["libopenjp2.so.7"], "opj_version",
            version => NativeLibraryBinding.ParseVersion(version) is { Major: >= 3 } ? null : "OpenJPEG 3 is needed");
        Assert.False(binding.Status.IsAvailable);
        Assert.Contains("OpenJPEG 3 is needed", binding.Status.Problem, StringComparison.Ordinal);
        var error = Assert.Throws<PixelDataException>(() => binding.Require("JPEG 2000"));
        Assert.StartsWith("JPEG 2000 needs libopenjp2.so.7 (Debian: apt-get install libopenjp2-7)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_adds_every_jpeg_ls_jpeg_2000_and_htj2k_syntax()
    {
        var registry = new PixelCodecRegistry();
        NativeCodecs.Register(registry);
        Assert.IsType<JpegLsDecoder>(registry.GetDecoder(DicomTransferSyntax.JpegLsLossless));
        Assert.IsType<JpegLsDecoder>(registry.GetDecoder(DicomTransferSyntax.JpegLsNearLossless));
        foreach (var syntax in new[] { DicomTransferSyntax.Jpeg2000Lossless, DicomTransferSyntax.Jpeg2000, DicomTransferSyntax.HtJ2kLossless, DicomTransferSyntax.HtJ2kRpclLossless, DicomTransferSyntax.HtJ2k })
            Assert.IsType<Jpeg2000Decoder>(registry.GetDecoder(syntax));
        Assert.Equal(0, Assert.IsType<JpegLsEncoder>(registry.GetEncoder(DicomTransferSyntax.JpegLsLossless)).NearLossless);
        Assert.Equal(NativeCodecs.DefaultNearLossless, Assert.IsType<JpegLsEncoder>(registry.GetEncoder(DicomTransferSyntax.JpegLsNearLossless)).NearLossless);
    }

    [Fact]
    public void Encoder_without_charls_says_so_in_its_reason()
    {
        var encoder = new JpegLsEncoder(0, () => Absent("CharLS", "libcharls.so.2", "libcharls2", "charls_get_version_string"));
        var description = PixelFiles.Describe(TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm"));
        Assert.False(encoder.CanEncode(description, out var reason));
        Assert.Equal("JPEG-LS needs libcharls.so.2 (Debian: apt-get install libcharls2)", reason);
    }

    [Fact]
    public unsafe void Interop_structs_match_the_openjpeg_2_5_and_charls_2_headers()
    {
        // Sizes and offsets measured from /usr/include/openjpeg-2.5/openjpeg.h and charls/public_types.h with gcc (x86-64).
        Assert.Equal(8252, sizeof(OpjDecoderParameters));
        Assert.Equal(8200, (int)Marshal.OffsetOf<OpjDecoderParameters>(nameof(OpjDecoderParameters.DecodeFormat)));
        Assert.Equal(8208, (int)Marshal.OffsetOf<OpjDecoderParameters>(nameof(OpjDecoderParameters.AreaX0)));
        Assert.Equal(8236, (int)Marshal.OffsetOf<OpjDecoderParameters>(nameof(OpjDecoderParameters.JpwlCorrect)));
        Assert.Equal(8248, (int)Marshal.OffsetOf<OpjDecoderParameters>(nameof(OpjDecoderParameters.Flags)));
        Assert.Equal(64, sizeof(OpjImageComponent));
        Assert.Equal(24, (int)Marshal.OffsetOf<OpjImageComponent>(nameof(OpjImageComponent.Precision)));
        Assert.Equal(32, (int)Marshal.OffsetOf<OpjImageComponent>(nameof(OpjImageComponent.Signed)));
        Assert.Equal(40, (int)Marshal.OffsetOf<OpjImageComponent>(nameof(OpjImageComponent.Factor)));
        Assert.Equal(48, (int)Marshal.OffsetOf<OpjImageComponent>(nameof(OpjImageComponent.Data)));
        Assert.Equal(56, (int)Marshal.OffsetOf<OpjImageComponent>(nameof(OpjImageComponent.Alpha)));
        Assert.Equal(48, sizeof(OpjImage));
        Assert.Equal(20, (int)Marshal.OffsetOf<OpjImage>(nameof(OpjImage.ColorSpace)));
        Assert.Equal(24, (int)Marshal.OffsetOf<OpjImage>(nameof(OpjImage.Components)));
        Assert.Equal(40, (int)Marshal.OffsetOf<OpjImage>(nameof(OpjImage.IccProfileLength)));
        Assert.Equal(16, sizeof(CharLsFrameInfo));
    }

    [Fact]
    public void Concurrent_decodes_on_separate_threads_agree()
    {
        var jls = PixelFiles.Encoded(TestPaths.Corpus("ct_mr/MR_brain_TS8_JLSL_dcmtk.dcm"));
        var j2k = PixelFiles.Encoded(TestPaths.Corpus("ct_mr/MR_brain_TS9_J2KR.dcm"));
        var expected = PixelFiles.NativeFrames(TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm"))[0];
        var jpegLs = new JpegLsDecoder();
        var jpeg2000 = new Jpeg2000Decoder();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var frame = new byte[jls.Description.FrameLength];
            if (i % 2 == 0) jpegLs.Decode(jls.Frames[0], jls.Description, frame);
            else jpeg2000.Decode(j2k.Frames[0], j2k.Description, frame);
            Assert.Equal(expected, frame);
        });
    }

    private static NativeLibraryBinding Absent(string library, string fileName, string package, string versionExport) =>
        NativeLibraryBinding.Probe(library, fileName, package, ["libimaging-test-absent.so.1"], versionExport, _ => null);
}
