using Imaging.Analysis.Spine;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Mr;
using Imaging.Reporting.Spine;

namespace Imaging.Reporting.Tests.Spine;

/// <summary>The spine report objects of a sagittal MR series (findings from the phantom's truth, as the MR path reports
/// them): the reformat of a few thick sagittal slices, windowed by percentiles, is valid and marked.</summary>
public sealed class SpineMrReportTests
{
    [Fact]
    public async Task Mr_series_gives_valid_objects_with_a_percentile_windowed_key_image_marking_the_flagged_level()
    {
        var study = SpineMrPhantom.Generate(new SpineMrPhantomOptions
        {
            Seed = 51,
            Fractures = [new SpineFracture("L1", VertebralFractureType.Wedge, 35)],
        });
        var truth = study.GroundTruth;
        var findings = new SpineFindings
        {
            AnalyzerVersion = "0.1",
            Modality = "MR",
            Method = "mr-classical",
            LabelConfidence = "high",
            StudyInstanceUid = truth.StudyInstanceUid,
            SeriesInstanceUid = truth.SeriesInstanceUid,
            Vertebrae = truth.Vertebrae.Where(v => v.Level != "S1").Select(v => new VertebraFindings
            {
                Level = v.Level,
                AnteriorHeightMm = v.AnteriorHeightMm,
                MiddleHeightMm = v.MiddleHeightMm,
                PosteriorHeightMm = v.PosteriorHeightMm,
                ReferenceHeightMm = v.ReferenceHeightMm,
                HeightLossPercent = v.HeightLossPercent,
                GenantGrade = v.GenantGrade,
                FractureType = v.FractureType,
                Cement = v.Cement,
                VolumeMl = v.VolumeMl,
                CentroidMm = v.CentroidMm,
            }).ToList(),
            FlaggedLevels = truth.FlaggedLevels,
        };
        var files = study.Instances.Select((_, i) => DicomFileReader.Read(new MemoryStream(study.ToBytes(i)))).ToList();

        var set = await SpineReportBuilder.BuildAsync(findings, files, 1, new DateTimeOffset(2026, 6, 3, 10, 0, 0, TimeSpan.Zero));
        using var temp = new TempFolder();
        var paths = await set.WriteAsync(temp.Path);

        foreach (var path in paths)
        {
            var result = await ExternalTool.RunAsync("dciodvfy", ["-new", path]);
            var errors = (result.StandardOutput + result.StandardError).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, $"{Path.GetFileName(path)}:\n{string.Join('\n', errors)}");
        }
        Assert.Contains("L1", findings.FlaggedLevels);
        var key = set.KeyImage;
        var width = (int)key.GetInteger(DicomTags.Columns)!.Value;
        var height = (int)key.GetInteger(DicomTags.Rows)!.Value;
        var pixels = key.GetElement(DicomTag.PixelData)!.Buffer.GetMemory().ToArray();
        // Percentile window: the anatomy spans the grey range (not all black or all white).
        var greys = Enumerable.Range(0, width * height).Select(i => pixels[i * 3]).Where((g, i) => pixels[i * 3] == pixels[i * 3 + 1] && pixels[i * 3 + 1] == pixels[i * 3 + 2]).ToList();
        Assert.True(greys.Count(g => g > 30 && g < 225) > width * height / 10, "too few mid-grey pixels");
        Assert.Equal(findings.FlaggedLevels.Count, CountRedLabels(pixels, width, height));
    }

    /// <summary>Runs of rows holding pure red pixels in the label margin (one run per flagged level).</summary>
    private static int CountRedLabels(byte[] pixels, int width, int height)
    {
        var runs = 0;
        var inRun = false;
        for (var row = 0; row < height; row++)
        {
            var red = Enumerable.Range(0, 40).Any(x => pixels[(row * width + x) * 3] == 255 && pixels[(row * width + x) * 3 + 1] == 0 && pixels[(row * width + x) * 3 + 2] == 0);
            if (red && !inRun) runs++;
            inRun = red;
        }
        return runs;
    }
}
