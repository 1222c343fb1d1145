using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Benchmarks;

/// <summary>`--scripted series-copy --out DIR --seed TEXT [--count N]`: the first N of the cached 400 CT files as a new
/// series of a new study (Study, Series and SOP Instance UIDs derived from the seed), for tests/benchmarks/run-pipeline.sh.</summary>
/// <remarks>Each measured run of the pipeline needs a series the server has never seen: a re-sent instance only replaces
/// its blob and does not reopen a series that is already ready, so neither the ingest path nor the findings would be
/// the ones of a new series.</remarks>
internal static class SeriesCopy
{
    public static int Run(string[] args)
    {
        var outDir = Option(args, "--out") ?? throw new ArgumentException("--out DIR is required");
        var seed = Option(args, "--seed") ?? throw new ArgumentException("--seed TEXT is required");
        var source = BenchData.EnsureCt();
        var count = Option(args, "--count") is { } c ? int.Parse(c, System.Globalization.CultureInfo.InvariantCulture) : source.Length;
        Directory.CreateDirectory(outDir);
        var study = BenchData.Uid($"{seed}/study");
        var series = BenchData.Uid($"{seed}/series");
        // Everything loaded, so the written file never reads back from the source while it is replaced.
        var options = new DicomReaderOptions { LargeValueThreshold = int.MaxValue };
        for (var i = 0; i < Math.Min(count, source.Length); i++)
        {
            var file = DicomFileReader.Read(source[i], options);
            var uid = BenchData.Uid($"{seed}/{i}");
            file.Dataset.SetString(Tags.StudyInstanceUid, DicomVR.UI, study);
            file.Dataset.SetString(Tags.SeriesInstanceUid, DicomVR.UI, series);
            file.Dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, uid);
            file.FileMetaInformation.SetString(DicomTag.MediaStorageSopInstanceUid, DicomVR.UI, uid);
            DicomFileWriter.Write(Path.Combine(outDir, Path.GetFileName(source[i])), file);
        }
        Console.WriteLine($"study={study}");
        Console.WriteLine($"series={series}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
