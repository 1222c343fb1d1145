using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests;

/// <summary>`imaging transcode`: file and folder conversion, exit codes and one-line errors.</summary>
public sealed class TranscodeCommandTests
{
    private static byte[] Pixels(string path)
    {
        var file = DicomFileReader.Read(path);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        var length = (int)pixels.Description.FrameLength;
        var all = new byte[length * pixels.FrameCount];
        for (var f = 0; f < pixels.FrameCount; f++) pixels.DecodeFrame(f, all.AsSpan(f * length, length));
        return all;
    }

    [Fact]
    public async Task Transcodes_a_file_to_rle_and_back_with_identical_pixels_and_dcmdrle_agrees()
    {
        using var temp = new TempFolder();
        var source = TestPaths.Corpus("nm/NM-MONO2-16-13x-heart.dcm");
        var rle = temp.File("rle.dcm");
        var back = temp.File("back.dcm");

        var toRle = await CliRunner.RunAsync("transcode", source, rle, "--transfer-syntax", "1.2.840.10008.1.2.5");
        var toEle = await CliRunner.RunAsync("transcode", rle, back, "--transfer-syntax", "ele");
        (await ExternalTool.RunAsync("dcmdrle", rle, temp.File("dcmtk.dcm"))).EnsureSuccess("dcmdrle");

        Assert.Equal(0, toRle.ExitCode);
        Assert.Equal("", toRle.StandardError);
        Assert.Equal(0, toEle.ExitCode);
        Assert.Equal(DicomTransferSyntax.RleLossless, DicomFileReader.Read(rle).TransferSyntax);
        Assert.Equal(Pixels(source), Pixels(back));
        Assert.Equal(Pixels(source), Pixels(temp.File("dcmtk.dcm")));
    }

    [Fact]
    public async Task Transcodes_a_folder_into_a_folder_keeping_relative_paths()
    {
        using var temp = new TempFolder();
        var input = Path.Combine(temp.Path, "in");
        Directory.CreateDirectory(Path.Combine(input, "nm"));
        File.Copy(TestPaths.Corpus("nm/WG04_NM1_RLE.dcm"), Path.Combine(input, "nm", "a.dcm"));
        File.Copy(TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"), Path.Combine(input, "b.dcm"));
        var output = Path.Combine(temp.Path, "out");

        var result = await CliRunner.RunAsync("transcode", input, output, "-t", "Implicit VR Little Endian");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 converted, 0 failed", result.StandardOutput);
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, DicomFileReader.Read(Path.Combine(output, "nm", "a.dcm")).TransferSyntax);
        Assert.Equal(Pixels(TestPaths.Corpus("nm/WG04_NM1_UNC.dcm")), Pixels(Path.Combine(output, "nm", "a.dcm")));
    }

    [Fact]
    public async Task A_folder_with_a_file_that_cannot_be_converted_exits_1_naming_it()
    {
        using var temp = new TempFolder();
        var input = Path.Combine(temp.Path, "in");
        Directory.CreateDirectory(input);
        File.Copy(TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"), Path.Combine(input, "good.dcm"));
        File.WriteAllText(Path.Combine(input, "notes.txt"), "not dicom");

        var result = await CliRunner.RunAsync("transcode", input, Path.Combine(temp.Path, "out"), "-t", "rle");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 converted, 1 failed", result.StandardOutput);
        Assert.StartsWith($"imaging: {Path.Combine(input, "notes.txt")}: ", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Corrupt_pixel_data_exits_1_with_one_line()
    {
        using var temp = new TempFolder();
        var file = DicomFileReader.Read(TestPaths.Corpus("nm/WG04_NM1_RLE.dcm"));
        var fragments = (Imaging.Dicom.Data.DicomFragmentSequence)file.Dataset[DicomTags.PixelData]!;
        fragments.Fragments[0] = Imaging.Dicom.Data.DicomBuffer.FromBytes(fragments.Fragments[0].GetMemory()[..200]);
        var corrupt = temp.File("corrupt.dcm");
        DicomFileWriter.Write(corrupt, file);

        var result = await CliRunner.RunAsync("transcode", corrupt, temp.File("out.dcm"), "-t", "ele");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"imaging: {corrupt}: RLE segment", line);
        Assert.False(File.Exists(temp.File("out.dcm")));
    }

    [Theory]
    [InlineData("1.2.3.4.5")]
    [InlineData("jpeg-2000-whatever")]
    public async Task An_unknown_transfer_syntax_is_bad_usage(string syntax)
    {
        var result = await CliRunner.RunAsync("transcode", TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"), "/tmp/never-written.dcm", "-t", syntax);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown transfer syntax", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_syntax_without_an_encoder_is_bad_usage()
    {
        var result = await CliRunner.RunAsync("transcode", TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"), "/tmp/never-written.dcm", "-t", "1.2.840.10008.1.2.4.90");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no encoder is registered", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_missing_input_or_option_is_bad_usage()
    {
        var missing = await CliRunner.RunAsync("transcode", "/nonexistent/x.dcm", "/tmp/y.dcm", "-t", "ele");
        var noSyntax = await CliRunner.RunAsync("transcode", "a.dcm", "b.dcm");

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("imaging: /nonexistent/x.dcm: No such file", Assert.Single(missing.ErrorLines));
        Assert.Equal(2, noSyntax.ExitCode);
        Assert.Single(noSyntax.ErrorLines);
    }
}
