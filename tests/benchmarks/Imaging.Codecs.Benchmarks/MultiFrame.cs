using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Codecs.Benchmarks;

/// <summary>Joins the frames of single-frame native files into one multi-frame file, so DCMTK's tools can be timed
/// decompressing many frames in one process (process start-up then counts once, not once per frame).</summary>
internal static class MultiFrame
{
    public static int Make(string output, string[] inputs)
    {
        var first = DicomFileReader.Read(inputs[0], new DicomReaderOptions { LargeValueThreshold = int.MaxValue });
        var frameLength = ((DicomElement)first.Dataset[DicomTags.PixelData]!).Length;
        var all = new byte[frameLength * inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var file = DicomFileReader.Read(inputs[i], new DicomReaderOptions { LargeValueThreshold = int.MaxValue });
            var pixels = ((DicomElement)file.Dataset[DicomTags.PixelData]!).Buffer.GetMemory();
            if (pixels.Length != frameLength) throw new InvalidOperationException($"{inputs[i]}: {pixels.Length} bytes of pixel data, the first file has {frameLength}");
            pixels.Span.CopyTo(all.AsSpan((int)(i * frameLength)));
        }
        var ds = first.Dataset;
        ds.SetString(DicomTags.NumberOfFrames, DicomVR.IS, inputs.Length.ToString(CultureInfo.InvariantCulture));
        ds.Set(DicomElement.FromTags(DicomTags.FrameIncrementPointer, DicomTags.FrameTime));
        ds.SetString(DicomTags.FrameTime, DicomVR.DS, "1");
        ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OW, DicomBuffer.FromBytes(all)));
        DicomFileWriter.Write(output, new DicomFile(first.FileMetaInformation, ds, DicomTransferSyntax.ExplicitVRLittleEndian));
        return 0;
    }
}
