using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Api.Tests.DicomWeb;

/// <summary>Synthetic Part 10 instances with known pixel values for the DICOMweb tests.</summary>
public static class TestInstances
{
    public const string NmImageStorage = "1.2.840.10008.5.1.4.1.1.20";

    /// <summary>A 16-bit monochrome multi-frame NM image: frame f holds (f * 1000 + row * columns + column) mod 65536, and a
    /// 2000-byte private OB value (bulk data in metadata).</summary>
    public static DicomFile Create(string study, string series, string instance, int instanceNumber = 1, int frames = 2, int rows = 16, int columns = 24,
        string patientId = "WADO-1")
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTag.SopClassUid, DicomVR.UI, NmImageStorage);
        dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, instance);
        dataset.SetString(DicomTags.StudyDate, DicomVR.DA, "20260101");
        dataset.SetString(DicomTags.Modality, DicomVR.CS, "NM");
        dataset.SetString(DicomTags.PatientName, DicomVR.PN, "Test^Wado");
        dataset.SetString(DicomTags.PatientID, DicomVR.LO, patientId);
        dataset.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
        dataset.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, series);
        dataset.SetString(DicomTags.SeriesNumber, DicomVR.IS, "1");
        dataset.SetString(DicomTags.InstanceNumber, DicomVR.IS, instanceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        dataset.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        dataset.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        dataset.SetString(DicomTags.NumberOfFrames, DicomVR.IS, frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        dataset.SetValues(DicomTags.Rows, DicomVR.US, (ushort)rows);
        dataset.SetValues(DicomTags.Columns, DicomVR.US, (ushort)columns);
        dataset.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)16);
        dataset.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)16);
        dataset.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)15);
        dataset.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        dataset.SetString(new DicomTag(0x0009, 0x0010), DicomVR.LO, "WADO TEST");
        dataset.Set(new DicomElement(new DicomTag(0x0009, 0x1001), DicomVR.OB, DicomBuffer.FromBytes(Enumerable.Range(0, 2000).Select(i => (byte)i).ToArray())));
        var pixels = new byte[frames * rows * columns * 2];
        for (var f = 0; f < frames; f++)
        {
            for (var p = 0; p < rows * columns; p++)
            {
                var value = (ushort)((f + 1) * 1000 + p);
                var offset = (f * rows * columns + p) * 2;
                pixels[offset] = (byte)value;
                pixels[offset + 1] = (byte)(value >> 8);
            }
        }
        dataset.Set(new DicomElement(DicomTag.PixelData, DicomVR.OW, DicomBuffer.FromBytes(pixels)));
        return new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    /// <summary>The Part 10 bytes of <paramref name="file"/>, in <paramref name="syntax"/> (transcoded when compressed).</summary>
    public static byte[] ToBytes(DicomFile file, DicomTransferSyntax? syntax = null)
    {
        if (syntax is not null && syntax.Uid != file.TransferSyntax.Uid) file = new DicomTranscoder(PixelCodecRegistry.Default).Transcode(file, syntax);
        using var stream = new MemoryStream();
        DicomFileWriter.Write(stream, file);
        return stream.ToArray();
    }

    private static long _counter;

    /// <summary>A fresh UID under a test root, unique per call.</summary>
    public static string NewUid() =>
        $"1.2.826.0.1.3680043.10.999.{Random.Shared.NextInt64(1, long.MaxValue)}.{Interlocked.Increment(ref _counter)}";
}
