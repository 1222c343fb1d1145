using System.Buffers.Binary;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.IO;

namespace Imaging.Dicom.Tests.Interop;

/// <summary>DCMTK writes, we read: img2dcm wraps a BMP drawn here (native RGB pixels) and a JPEG made from it
/// (encapsulated JPEG baseline).</summary>
[Collection(DcmtkCollection.Name)]
public class Img2DcmTests(DcmtkFixture fixture)
{
    private const int Width = 5; // odd, so BMP rows carry padding and the RGB pixel data has odd length
    private const int Height = 3;

    private static readonly DicomTag Rows = new(0x0028, 0x0010);
    private static readonly DicomTag Columns = new(0x0028, 0x0011);
    private static readonly DicomTag SamplesPerPixel = new(0x0028, 0x0002);
    private static readonly DicomTag Photometric = new(0x0028, 0x0004);
    private static readonly DicomTag BitsAllocated = new(0x0028, 0x0100);

    /// <summary>The colour of pixel (x, y), y counted from the top.</summary>
    private static (byte R, byte G, byte B) Colour(int x, int y) => ((byte)(x * 50), (byte)(y * 100), (byte)(255 - x * 10 - y));

    /// <summary>A 24-bit uncompressed BMP: rows bottom-up, BGR, each row padded to 4 bytes.</summary>
    private static byte[] Bitmap()
    {
        var stride = (Width * 3 + 3) & ~3;
        var bytes = new byte[54 + stride * Height];
        var s = bytes.AsSpan();
        s[0] = (byte)'B';
        s[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(s[2..], bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(s[10..], 54);
        BinaryPrimitives.WriteInt32LittleEndian(s[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(s[18..], Width);
        BinaryPrimitives.WriteInt32LittleEndian(s[22..], Height);
        BinaryPrimitives.WriteInt16LittleEndian(s[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(s[28..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(s[34..], stride * Height);
        BinaryPrimitives.WriteInt32LittleEndian(s[38..], 2835);
        BinaryPrimitives.WriteInt32LittleEndian(s[42..], 2835);
        for (var y = 0; y < Height; y++)
        {
            var row = 54 + (Height - 1 - y) * stride;
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b) = Colour(x, y);
                bytes[row + x * 3] = b;
                bytes[row + x * 3 + 1] = g;
                bytes[row + x * 3 + 2] = r;
            }
        }
        return bytes;
    }

    private Task<string> FromBitmap() => fixture.Once("img2dcm bmp", async () =>
    {
        var bmp = fixture.File("drawn.bmp");
        await File.WriteAllBytesAsync(bmp, Bitmap());
        var dcm = fixture.File("from-bmp.dcm");
        await Dcmtk.RunCleanAsync("img2dcm", "-i", "BMP", bmp, dcm);
        return dcm;
    });

    private Task<(string Jpeg, string Dicom)> FromJpeg() => fixture.Once("img2dcm jpeg", async () =>
    {
        var jpeg = fixture.File("drawn.jpg");
        await Dcmtk.RunCleanAsync("dcmj2pnm", "+oj", await FromBitmap(), jpeg);
        var dcm = fixture.File("from-jpeg.dcm");
        await Dcmtk.RunCleanAsync("img2dcm", "-i", "JPEG", jpeg, dcm);
        return (jpeg, dcm);
    });

    [Fact]
    public async Task We_read_img2dcm_RGB_pixels_of_a_bitmap_top_down()
    {
        var file = DicomFileReader.Read(await FromBitmap());
        var ds = file.Dataset;
        Assert.Empty(file.Warnings);
        Assert.False(file.TransferSyntax.IsEncapsulated);
        Assert.Equal(Height, ds.GetInteger(Rows));
        Assert.Equal(Width, ds.GetInteger(Columns));
        Assert.Equal(3, ds.GetInteger(SamplesPerPixel));
        Assert.Equal(8, ds.GetInteger(BitsAllocated));
        Assert.Equal("RGB", ds.GetSingleString(Photometric));
        Assert.Equal(0, ds.GetInteger(new DicomTag(0x0028, 0x0006)));

        var expected = new List<byte>();
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b) = Colour(x, y);
                expected.AddRange([r, g, b]);
            }
        var pixels = ((DicomElement)ds[DicomTag.PixelData]!).Buffer.GetMemory().ToArray();
        // 45 bytes of pixels, padded to even length.
        Assert.Equal(Width * Height * 3 + 1, pixels.Length);
        Assert.Equal(expected, pixels[..^1]);
        Assert.Equal(0, pixels[^1]);
    }

    [Fact]
    public async Task We_read_img2dcm_JPEG_as_one_fragment_holding_the_JPEG_stream()
    {
        var (jpegPath, dicomPath) = await FromJpeg();
        var file = DicomFileReader.Read(dicomPath);
        Assert.Empty(file.Warnings);
        Assert.Equal(DicomTransferSyntax.JpegBaseline.Uid, file.TransferSyntax.Uid);
        Assert.Equal(Height, file.Dataset.GetInteger(Rows));
        Assert.Equal(Width, file.Dataset.GetInteger(Columns));
        var pixels = Assert.IsType<DicomFragmentSequence>(file.Dataset[DicomTag.PixelData]);
        var fragment = Assert.Single(pixels.Fragments).GetMemory().ToArray();
        Assert.Equal(0, fragment.Length % 2);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, fragment[..2]);
        // The stream ends with EOI, then at most one byte of padding.
        var end = fragment.AsSpan().LastIndexOf(new byte[] { 0xFF, 0xD9 });
        Assert.True(end >= fragment.Length - 3, "no EOI marker at the end of the fragment");
        // img2dcm keeps the entropy-coded data as it was; the file's own JFIF/APPn headers may be rewritten.
        var jpeg = await File.ReadAllBytesAsync(jpegPath);
        var startOfScan = jpeg.AsSpan().IndexOf(new byte[] { 0xFF, 0xDA });
        Assert.True(fragment.AsSpan().IndexOf(jpeg.AsSpan(startOfScan, jpeg.Length - startOfScan)) >= 0);

        // Our copy of it is identical in every value, fragments included.
        var copy = ReadWriteCorpus.RoundTrip(file);
        DatasetComparison.AssertEquivalent(file.Dataset, copy.Dataset, DatasetComparisonOptions.Rewritten);
    }
}
