using System.Buffers.Binary;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>Writes decoded component planes as DICOM native samples: Bits Allocated containers, little endian, signed
/// values sign-extended from Bits Stored, interleaved or by plane as the description asks.</summary>
internal static class JpegSampleWriter
{
    public static void Write(ushort[][] planes, int pixels, PixelDataDescription description, Span<byte> destination)
    {
        var samples = planes.Length;
        var planar = description.PlanarConfiguration == 1 && samples > 1;
        // Sign extension is a no-op when Bits Stored fills the container.
        var signExtend = description.IsSigned && description.BitsStored < description.BitsAllocated ? 32 - description.BitsStored : 0;
        if (description.BytesPerSample == 1)
        {
            for (var c = 0; c < samples; c++)
            {
                var plane = planes[c].AsSpan(0, pixels);
                if (planar)
                {
                    var output = destination.Slice(c * pixels, pixels);
                    for (var i = 0; i < plane.Length; i++) output[i] = (byte)Convert(plane[i], signExtend);
                }
                else
                {
                    for (int i = 0, o = c; i < plane.Length; i++, o += samples) destination[o] = (byte)Convert(plane[i], signExtend);
                }
            }
            return;
        }

        for (var c = 0; c < samples; c++)
        {
            var plane = planes[c].AsSpan(0, pixels);
            if (planar)
            {
                var output = destination.Slice(c * pixels * 2, pixels * 2);
                if (signExtend == 0 && BitConverter.IsLittleEndian)
                {
                    System.Runtime.InteropServices.MemoryMarshal.AsBytes(plane).CopyTo(output);
                    continue;
                }
                for (var i = 0; i < plane.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(output[(i * 2)..], (short)Convert(plane[i], signExtend));
            }
            else if (samples == 1 && signExtend == 0 && BitConverter.IsLittleEndian)
            {
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(plane).CopyTo(destination);
            }
            else
            {
                for (int i = 0, o = c * 2; i < plane.Length; i++, o += samples * 2)
                    BinaryPrimitives.WriteInt16LittleEndian(destination[o..], (short)Convert(plane[i], signExtend));
            }
        }
    }

    private static int Convert(int value, int signExtend) => signExtend == 0 ? value : value << signExtend >> signExtend;

    /// <summary>Checks that the stream's frame matches the dataset's Image Pixel attributes before anything is allocated.</summary>
    public static int CheckFrame(JpegFrameHeader frame, PixelDataDescription description)
    {
        if (frame.SamplesPerLine != description.Columns)
            throw new PixelDataException($"The JPEG frame is {frame.SamplesPerLine} samples wide, the dataset says {description.Columns} columns");
        if (frame.Lines != 0 && frame.Lines != description.Rows)
            throw new PixelDataException($"The JPEG frame has {frame.Lines} lines, the dataset says {description.Rows} rows");
        if (frame.Components.Length != description.SamplesPerPixel)
            throw new PixelDataException($"The JPEG frame has {frame.Components.Length} components, the dataset says {description.SamplesPerPixel} samples per pixel");
        if (description.BitsAllocated is not (8 or 16))
            throw new PixelDataException($"JPEG data cannot fill Bits Allocated {description.BitsAllocated}");
        if (frame.Precision > description.BitsAllocated)
            throw new PixelDataException($"The JPEG precision {frame.Precision} does not fit Bits Allocated {description.BitsAllocated}");
        return description.Rows;
    }
}
