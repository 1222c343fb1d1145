using System.Text;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Imaging.Cli.Tests;

/// <summary>`imaging render`: PNG/JPEG output that matches DCMTK's dcm2pnm, and the exit-code and one-line error contract.</summary>
public sealed class RenderCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Our PNG, decoded (it is our own output), next to dcm2pnm's raw PGM of the same file and options.</summary>
    private async Task AssertMatchesDcm2PnmAsync(string relative, string[] ours, string[] theirs)
    {
        var png = _folder.File(Guid.NewGuid().ToString("N") + ".png");
        var result = await CliRunner.RunAsync(["render", TestPaths.Corpus(relative), "--out", png, .. ours]);
        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);

        var pgm = _folder.File(Guid.NewGuid().ToString("N") + ".pgm");
        (await ExternalTool.RunAsync("dcm2pnm", ["+op", "-O", .. theirs, TestPaths.Corpus(relative), pgm])).EnsureSuccess("dcm2pnm");
        var (width, height, reference) = ReadPgm(await File.ReadAllBytesAsync(pgm));

        using var image = Image.Load<L8>(png);
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        var pixels = new byte[width * height];
        image.CopyPixelDataTo(pixels);
        Assert.Equal(reference, pixels);
    }

    private static (int Width, int Height, byte[] Pixels) ReadPgm(byte[] bytes)
    {
        // dcm2pnm writes "P5\n<w> <h>\n255\n" then the samples.
        var header = Encoding.ASCII.GetString(bytes, 0, 64).Split('\n');
        Assert.Equal("P5", header[0]);
        var size = header[1].Split(' ');
        var offset = header[0].Length + header[1].Length + header[2].Length + 3;
        var width = int.Parse(size[0]);
        var height = int.Parse(size[1]);
        return (width, height, bytes.AsSpan(offset, width * height).ToArray());
    }

    [Fact]
    public async Task Render_with_a_window_writes_a_png_identical_to_dcm2pnm()
    {
        await AssertMatchesDcm2PnmAsync("ct_mr/CT_LCTSC_chest_TCIA.dcm", ["--window", "40,400"], ["+Ww", "40", "400"]);
    }

    [Fact]
    public async Task Render_accepts_a_negative_window_center()
    {
        await AssertMatchesDcm2PnmAsync("ct_mr/CT_WG04_CT1_ELE.dcm", ["--window=-600,1500"], ["+Ww", "-600", "1500"]);
    }

    [Fact]
    public async Task Render_frame_numbers_are_1_based_like_dicom()
    {
        await AssertMatchesDcm2PnmAsync("nm/NM-MONO2-16-13x-heart.dcm", ["--frame", "5"], ["+Wi", "1", "+F", "5"]);
    }

    [Fact]
    public async Task Render_voi_index_picks_the_files_nth_window()
    {
        await AssertMatchesDcm2PnmAsync("ct_mr/MR_siemens_overlays_icon_palette.dcm", ["--voi-index", "2"], ["+Wi", "2"]);
    }

    [Fact]
    public async Task Render_to_jpg_writes_jpeg_whose_size_follows_quality()
    {
        var high = _folder.File("high.jpg");
        var low = _folder.File("low.jpg");
        var path = TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm");

        Assert.Equal(0, (await CliRunner.RunAsync("render", path, "--out", high, "--quality", "95")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("render", path, "--out", low, "--quality", "10")).ExitCode);

        var bytes = await File.ReadAllBytesAsync(high);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, bytes[..3]);
        Assert.True(new FileInfo(low).Length < bytes.Length);
    }

    [Theory]
    [InlineData("--frame", "0")]
    [InlineData("--frame", "2")]
    [InlineData("--window", "40")]
    [InlineData("--window", "forty,400")]
    [InlineData("--window", "40,0")]
    [InlineData("--voi-index", "3")]
    [InlineData("--quality", "0")]
    public async Task Render_with_a_bad_option_value_exits_2_with_one_line(string option, string value)
    {
        var result = await CliRunner.RunAsync("render", TestPaths.Corpus("ct_mr/CT_LCTSC_chest_TCIA.dcm"), "--out", _folder.File("x.png"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("imaging: ", Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(_folder.File("x.png")));
    }

    [Fact]
    public async Task Render_to_an_unknown_image_type_exits_2()
    {
        var result = await CliRunner.RunAsync("render", TestPaths.Corpus("ct_mr/CT_LCTSC_chest_TCIA.dcm"), "--out", _folder.File("x.gif"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(".png, .jpg or .jpeg", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Render_without_out_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("render", TestPaths.Corpus("ct_mr/CT_LCTSC_chest_TCIA.dcm"));

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("(see 'imaging --help')", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("no/such/file.dcm")]
    [InlineData("interop/malformed/GH179B_partial.dcm")]
    [InlineData("ct_mr/CT_siemens_head_CSA_CC0.dcm")]
    public async Task Render_of_a_missing_malformed_or_pixel_less_file_exits_2_naming_the_file(string relative)
    {
        var path = TestPaths.Corpus(relative);

        var result = await CliRunner.RunAsync("render", path, "--out", _folder.File("x.png"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"imaging: {path}: ", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Render_to_a_folder_that_does_not_exist_exits_1()
    {
        var result = await CliRunner.RunAsync("render", TestPaths.Corpus("ct_mr/CT_LCTSC_chest_TCIA.dcm"), "--out", _folder.File("missing/x.png"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("imaging: cannot write ", Assert.Single(result.ErrorLines));
    }
}
