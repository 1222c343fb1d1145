using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Rendering.Tests.Support;

/// <summary>Builds small uncompressed images with whatever attributes a test needs, and writes them for dcm2pnm.</summary>
public static class SyntheticImage
{
    public static DicomDataset Create(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit,
        bool signed, string photometric, byte[] pixelData, int planar = 0, int frames = 1)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.10.1.99." + Environment.TickCount64);
        dataset.SetString(DicomTags.Modality, DicomVR.CS, "OT");
        dataset.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)samplesPerPixel);
        dataset.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, photometric);
        if (frames > 1) dataset.SetString(DicomTags.NumberOfFrames, DicomVR.IS, frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (samplesPerPixel > 1) dataset.SetValues(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)planar);
        dataset.SetValues(DicomTags.Rows, DicomVR.US, (ushort)rows);
        dataset.SetValues(DicomTags.Columns, DicomVR.US, (ushort)columns);
        dataset.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)bitsAllocated);
        dataset.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)bitsStored);
        dataset.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)highBit);
        dataset.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)(signed ? 1 : 0));
        SetPixelData(dataset, pixelData, bitsAllocated);
        return dataset;
    }

    public static void SetPixelData(DicomDataset dataset, byte[] pixelData, int bitsAllocated)
    {
        var padded = pixelData.Length % 2 == 0 ? pixelData : [.. pixelData, 0];
        dataset.Set(new DicomElement(DicomTags.PixelData, bitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, DicomBuffer.FromBytes(padded)));
    }

    public static byte[] Words(IEnumerable<int> values) => values.SelectMany(v => new[] { (byte)v, (byte)(v >> 8) }).ToArray();

    /// <summary>A 16-bit element (US) with raw values, e.g. a LUT descriptor whose first value may be negative.</summary>
    public static DicomElement UnsignedShorts(DicomTag tag, params int[] values) =>
        new(tag, DicomVR.US, DicomBuffer.FromBytes(Words(values)));

    public static DicomElement LutData(DicomTag tag, IEnumerable<int> values) =>
        new(tag, DicomVR.OW, DicomBuffer.FromBytes(Words(values)));

    public static void SetDecimals(DicomDataset dataset, DicomTag tag, params double[] values) =>
        dataset.SetString(tag, DicomVR.DS, values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray());

    public static string Write(DicomDataset dataset, string path)
    {
        DicomFileWriter.Write(path, new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        return path;
    }

    /// <summary>A deterministic ramp with a little pseudo-random texture, so every level and its neighbours occur.</summary>
    public static int[] Ramp(int count, int minimum, int maximum, int seed = 7)
    {
        var random = new Random(seed);
        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            var v = minimum + (long)(maximum - minimum) * i / Math.Max(1, count - 1) + random.Next(-3, 4);
            values[i] = (int)Math.Clamp(v, minimum, maximum);
        }
        return values;
    }
}
