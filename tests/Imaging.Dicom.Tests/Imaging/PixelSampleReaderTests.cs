using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Tests.Imaging;

/// <summary>Stored values out of native containers: masking, sign extension, High Bit placement, planar order.</summary>
public sealed class PixelSampleReaderTests
{
    [Fact]
    public void Masks_garbage_above_bits_stored_and_sign_extends_signed_values()
    {
        var description = new PixelDataDescription(1, 3, 1, 16, 12, 11, true, 0, "MONOCHROME2", 1);
        byte[] frame = [0xFF, 0xFF, 0xFF, 0x37, 0x00, 0xA8]; // 0xFFFF → -1, 0x37FF → 0x7FF = 2047, 0xA800 → 0x800 = -2048
        var reader = new PixelSampleReader(description);
        var values = new int[3];

        reader.ReadSamples(frame, 0, values);

        Assert.Equal(new[] { -1, 2047, -2048 }, values);
        Assert.Equal(-2048, reader.MinimumValue);
        Assert.Equal(2047, reader.MaximumValue);
    }

    [Fact]
    public void Unsigned_values_are_masked_to_bits_stored()
    {
        var description = new PixelDataDescription(1, 2, 1, 16, 10, 9, false, 0, "MONOCHROME2", 1);
        var reader = new PixelSampleReader(description);
        var values = new int[2];

        reader.ReadSamples(new byte[] { 0xFF, 0xFF, 0x01, 0x02 }, 0, values);

        Assert.Equal(new[] { 1023, 0x201 }, values);
    }

    [Fact]
    public void Values_stored_above_bit_zero_are_shifted_down_by_high_bit()
    {
        // Bits Stored 12 at High Bit 15: the value sits in the top 12 bits.
        var description = new PixelDataDescription(1, 1, 1, 16, 12, 15, true, 0, "MONOCHROME2", 1);
        var reader = new PixelSampleReader(description);

        Assert.Equal(-1, reader.GetSample(new byte[] { 0xF0, 0xFF }, 0));
    }

    [Fact]
    public void Reads_a_channel_in_either_planar_configuration()
    {
        var interleaved = new PixelDataDescription(1, 2, 3, 8, 8, 7, false, 0, "RGB", 1);
        var planar = interleaved with { PlanarConfiguration = 1 };
        var green = new int[2];

        new PixelSampleReader(interleaved).ReadSamples(new byte[] { 1, 2, 3, 4, 5, 6 }, 1, green);
        Assert.Equal(new[] { 2, 5 }, green);
        new PixelSampleReader(planar).ReadSamples(new byte[] { 1, 4, 2, 5, 3, 6 }, 1, green);
        Assert.Equal(new[] { 2, 5 }, green);
    }

    [Fact]
    public void Sign_extension_in_place_leaves_full_width_and_unsigned_data_alone()
    {
        byte[] frame = [0xFF, 0x0F];
        PixelSampleReader.SignExtendInPlace(frame, new PixelDataDescription(1, 1, 1, 16, 12, 11, false, 0, "MONOCHROME2", 1));
        Assert.Equal(new byte[] { 0xFF, 0x0F }, frame);
        PixelSampleReader.SignExtendInPlace(frame, new PixelDataDescription(1, 1, 1, 16, 16, 15, true, 0, "MONOCHROME2", 1));
        Assert.Equal(new byte[] { 0xFF, 0x0F }, frame);
        PixelSampleReader.SignExtendInPlace(frame, new PixelDataDescription(1, 1, 1, 16, 12, 11, true, 0, "MONOCHROME2", 1));
        Assert.Equal(new byte[] { 0xFF, 0xFF }, frame);
    }
}
