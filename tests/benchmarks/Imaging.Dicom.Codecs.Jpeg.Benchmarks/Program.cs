using System.Diagnostics;
using System.Globalization;
using Imaging.Dicom.Codecs.Jpeg;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Codecs.Jpeg.Benchmarks;

/// <summary>Times our JPEG decoding of every frame of the given files: <c>--once</c> decodes each file once (a whole
/// process per file is then timed from outside), otherwise a warm-up pass and N timed passes give a median per frame.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 4 && args[0] == "--make-multiframe") return MakeMultiFrame(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3].Split(','));
        var once = args.Contains("--once");
        var iterations = 20;
        var iterationsAt = Array.IndexOf(args, "--iterations");
        if (iterationsAt >= 0) iterations = int.Parse(args[iterationsAt + 1], CultureInfo.InvariantCulture);
        var files = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (iterationsAt < 0 || i != iterationsAt + 1)).ToList();
        var registry = new PixelCodecRegistry();
        JpegCodecs.Register(registry);
        var frames = files.Select(f =>
        {
            var file = DicomFileReader.Read(f);
            return DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        }).ToList();
        var buffer = new byte[frames.Max(p => p.Description.FrameLength)];
        if (once)
        {
            foreach (var pixels in frames)
                for (var f = 0; f < pixels.FrameCount; f++) pixels.DecodeFrame(f, buffer, registry);
            return 0;
        }

        var frameCount = frames.Sum(p => p.FrameCount);
        long bytes = frames.Sum(p => p.Description.FrameLength * p.FrameCount);
        var cold = Stopwatch.StartNew();
        foreach (var pixels in frames)
            for (var f = 0; f < pixels.FrameCount; f++) pixels.DecodeFrame(f, buffer, registry);
        cold.Stop();
        var times = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < iterations; i++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            foreach (var pixels in frames)
                for (var f = 0; f < pixels.FrameCount; f++) pixels.DecodeFrame(f, buffer, registry);
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuStart).TotalMilliseconds);
        }
        times.Sort();
        cpu.Sort();
        var median = times[times.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"frames={frameCount} first_pass_ms_per_frame={cold.Elapsed.TotalMilliseconds / frameCount:F2} warm_median_ms_per_frame={median / frameCount:F2} warm_MB_per_s={bytes / 1e6 / (median / 1000):F1} warm_median_cpu_ms_per_frame={cpu[cpu.Count / 2] / frameCount:F2}"));
        return 0;
    }

    /// <summary>Writes an uncompressed file of <paramref name="frames"/> frames taken in turn from single-frame inputs of equal geometry.</summary>
    private static int MakeMultiFrame(string output, int frames, string[] inputs)
    {
        var sources = inputs.Select(i => DicomFileReader.Read(i)).ToList();
        var first = sources[0];
        var pixels = sources.Select(s => DicomPixelData.Create(s.Dataset, s.TransferSyntax)).ToList();
        var length = (int)pixels[0].Description.FrameLength;
        if (pixels.Any(p => p.Description.FrameLength != length)) throw new InvalidOperationException("inputs differ in frame size");
        var all = new byte[checked(length * frames)];
        for (var f = 0; f < frames; f++) pixels[f % pixels.Count].GetFrameData(0).Span.CopyTo(all.AsSpan(f * length));
        first.Dataset.SetString(DicomTags.NumberOfFrames, DicomVR.IS, frames.ToString(CultureInfo.InvariantCulture));
        first.Dataset.Set(new DicomElement(DicomTags.PixelData, DicomVR.OW, DicomBuffer.FromBytes(all)));
        DicomFileWriter.Write(output, new DicomFile(first.FileMetaInformation, first.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        return 0;
    }
}
