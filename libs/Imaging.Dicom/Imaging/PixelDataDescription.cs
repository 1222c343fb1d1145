using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Imaging;

/// <summary>The Image Pixel module attributes that say how one frame's samples are laid out (PS3.3 C.7.6.3).</summary>
public sealed record PixelDataDescription(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    bool IsSigned,
    int PlanarConfiguration,
    string PhotometricInterpretation,
    int NumberOfFrames)
{
    /// <summary>The largest frame this toolkit will allocate for (1 GiB): a bound on hostile Rows × Columns × samples.</summary>
    public const long MaximumFrameLength = 1L << 30;

    public int BytesPerSample => BitsAllocated switch
    {
        <= 8 => 1,
        <= 16 => 2,
        _ => 4,
    };

    public long PixelCount => (long)Rows * Columns;

    /// <summary>Bytes of one uncompressed frame; 1-bit data is packed (PS3.5 8.1.1) and rounded up to whole bytes.</summary>
    public long FrameLength => BitsAllocated == 1
        ? (PixelCount * SamplesPerPixel + 7) / 8
        : PixelCount * SamplesPerPixel * BytesPerSample;

    /// <summary>Reads and validates the attributes; throws <see cref="PixelDataException"/> naming the first inconsistency.</summary>
    public static PixelDataDescription FromDataset(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var rows = Required(dataset, DicomTags.Rows, "Rows");
        var columns = Required(dataset, DicomTags.Columns, "Columns");
        var samples = (int)(dataset.GetInteger(DicomTags.SamplesPerPixel) ?? 1);
        var bitsAllocated = Required(dataset, DicomTags.BitsAllocated, "Bits Allocated");
        var bitsStored = (int)(dataset.GetInteger(DicomTags.BitsStored) ?? bitsAllocated);
        var highBit = (int)(dataset.GetInteger(DicomTags.HighBit) ?? bitsStored - 1);
        var signed = (dataset.GetInteger(DicomTags.PixelRepresentation) ?? 0) == 1;
        var planar = samples > 1 ? (int)(dataset.GetInteger(DicomTags.PlanarConfiguration) ?? 0) : 0;
        var photometric = dataset.GetSingleString(DicomTags.PhotometricInterpretation)?.Trim()
            ?? (samples == 1 ? "MONOCHROME2" : "RGB");
        var framesText = dataset.GetSingleString(DicomTags.NumberOfFrames)?.Trim();
        var frames = 1;
        if (!string.IsNullOrEmpty(framesText) && (!int.TryParse(framesText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out frames) || frames < 0))
            throw new PixelDataException($"Number of Frames '{framesText}' is not a non-negative integer");
        if (frames == 0) frames = 1;
        var description = new PixelDataDescription(rows, columns, samples, bitsAllocated, bitsStored, highBit, signed, planar, photometric, frames);
        description.Validate();
        return description;
    }

    /// <summary>Throws <see cref="PixelDataException"/> when the attributes cannot describe real pixel data.</summary>
    public void Validate()
    {
        if (Rows is < 1 or > 65535 || Columns is < 1 or > 65535)
            throw new PixelDataException($"Rows × Columns {Rows} × {Columns} is outside 1..65535");
        if (SamplesPerPixel is not (1 or 3 or 4))
            throw new PixelDataException($"Samples per Pixel {SamplesPerPixel} is not 1, 3 or 4");
        if (BitsAllocated is not (1 or 8 or 16 or 32 or 64))
            throw new PixelDataException($"Bits Allocated {BitsAllocated} is not 1, 8, 16, 32 or 64");
        if (BitsStored < 1 || BitsStored > BitsAllocated)
            throw new PixelDataException($"Bits Stored {BitsStored} is outside 1..Bits Allocated ({BitsAllocated})");
        if (HighBit < BitsStored - 1 || HighBit >= BitsAllocated)
            throw new PixelDataException($"High Bit {HighBit} does not fit Bits Stored {BitsStored} in Bits Allocated {BitsAllocated}");
        if (PlanarConfiguration is not (0 or 1))
            throw new PixelDataException($"Planar Configuration {PlanarConfiguration} is not 0 or 1");
        if (NumberOfFrames < 1)
            throw new PixelDataException($"Number of Frames {NumberOfFrames} is below 1");
        if (FrameLength > MaximumFrameLength)
            throw new PixelDataException($"One frame of {Rows} × {Columns} × {SamplesPerPixel} × {BitsAllocated} bits exceeds {MaximumFrameLength} bytes");
    }

    private static int Required(DicomDataset dataset, DicomTag tag, string name)
    {
        var value = dataset.GetInteger(tag) ?? throw new PixelDataException($"{name} {tag} is missing");
        if (value is < 0 or > int.MaxValue) throw new PixelDataException($"{name} {value} is out of range");
        return (int)value;
    }
}
