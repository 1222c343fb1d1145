using System.Buffers.Binary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Imaging.Dicom.Rendering.Tests;

/// <summary>PNG and JPEG output: valid files that decode (with ImageSharp, our own output only) to what we rendered.</summary>
public sealed class EncoderTests
{
    private static RenderedFrame Ct() =>
        FrameRenderer.Render(DicomFileReader.Read(TestPaths.Corpus("ct_mr/CT_LCTSC_chest_TCIA.dcm")), 0);

    private static RenderedFrame Color()
    {
        var pixels = new byte[40 * 30 * 3];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 13 % 256);
        return new RenderedFrame(40, 30, 3, pixels);
    }

    private static async Task<byte[]> EncodeAsync(RenderedFrame frame, RenderedImageFormat format, int quality = 90)
    {
        using var stream = new MemoryStream();
        await RenderedFrameEncoder.EncodeAsync(frame, stream, format, quality);
        return stream.ToArray();
    }

    [Fact]
    public async Task Png_starts_with_the_signature_and_an_ihdr_giving_size_bit_depth_and_colour_type()
    {
        var gray = await EncodeAsync(Ct(), RenderedImageFormat.Png);
        var color = await EncodeAsync(Color(), RenderedImageFormat.Png);

        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.Equal(signature, gray[..8]);
        Assert.Equal("IHDR"u8.ToArray(), gray[12..16]);
        Assert.Equal(512u, BinaryPrimitives.ReadUInt32BigEndian(gray.AsSpan(16)));
        Assert.Equal(512u, BinaryPrimitives.ReadUInt32BigEndian(gray.AsSpan(20)));
        Assert.Equal(8, gray[24]);
        Assert.Equal(0, gray[25]); // grayscale
        Assert.Equal(40u, BinaryPrimitives.ReadUInt32BigEndian(color.AsSpan(16)));
        Assert.Equal(30u, BinaryPrimitives.ReadUInt32BigEndian(color.AsSpan(20)));
        Assert.Equal(2, color[25]); // truecolour
    }

    [Fact]
    public async Task Png_decodes_back_to_exactly_the_rendered_pixels()
    {
        var frame = Ct();
        using var gray = Image.Load<L8>(await EncodeAsync(frame, RenderedImageFormat.Png));
        var decoded = new byte[frame.Pixels.Length];
        gray.CopyPixelDataTo(decoded);
        Assert.Equal(frame.Pixels, decoded);

        var colorFrame = Color();
        using var color = Image.Load<Rgb24>(await EncodeAsync(colorFrame, RenderedImageFormat.Png));
        var decodedColor = new byte[colorFrame.Pixels.Length];
        color.CopyPixelDataTo(decodedColor);
        Assert.Equal(colorFrame.Pixels, decodedColor);
    }

    [Fact]
    public async Task Jpeg_is_a_jfif_stream_whose_size_follows_the_quality_and_decodes_close_to_the_frame()
    {
        var frame = Ct();
        var high = await EncodeAsync(frame, RenderedImageFormat.Jpeg, 95);
        var low = await EncodeAsync(frame, RenderedImageFormat.Jpeg, 20);

        Assert.Equal(new byte[] { 0xFF, 0xD8 }, high[..2]);
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, high[^2..]);
        Assert.True(low.Length < high.Length, $"quality 20: {low.Length} bytes, quality 95: {high.Length}");
        using var decoded = Image.Load<L8>(high);
        Assert.Equal(512, decoded.Width);
        var pixels = new byte[frame.Pixels.Length];
        decoded.CopyPixelDataTo(pixels);
        var meanError = frame.Pixels.Select((v, i) => Math.Abs(v - pixels[i])).Average();
        Assert.True(meanError < 2, $"mean error {meanError}");
    }

    [Fact]
    public async Task Save_picks_the_format_from_the_extension_and_rejects_others()
    {
        using var folder = new TempFolder();
        await RenderedFrameEncoder.SaveAsync(Color(), folder.File("x.jpeg"));
        await RenderedFrameEncoder.SaveAsync(Color(), folder.File("x.png"));

        Assert.Equal(0xFF, File.ReadAllBytes(folder.File("x.jpeg"))[0]);
        Assert.Equal(0x89, File.ReadAllBytes(folder.File("x.png"))[0]);
        await Assert.ThrowsAsync<ArgumentException>(() => RenderedFrameEncoder.SaveAsync(Color(), folder.File("x.gif")));
    }

    [Fact]
    public async Task Jpeg_quality_outside_1_to_100_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EncodeAsync(Color(), RenderedImageFormat.Jpeg, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EncodeAsync(Color(), RenderedImageFormat.Jpeg, 101));
    }
}
