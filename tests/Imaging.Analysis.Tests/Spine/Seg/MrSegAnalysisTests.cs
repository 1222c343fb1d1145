using System.Globalization;
using System.Text.Json;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Tests.Spine.Volume;
using Imaging.Dicom.Dictionary;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Mr;
using Imaging.Phantoms.Spine.Seg;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.Spine.Seg;

/// <summary>A sagittal MR series with a DICOM SEG of its vertebrae goes through the SEG path (the SEG series as the worker
/// receives it, its images found by reference): the truth's levels, heights within the MR bound and the truth's grades.</summary>
public sealed class MrSegAnalysisTests(ITestOutputHelper output)
{
    /// <summary>The MR bound of the spine analysis (Spine/Mr/README.md, SpineMrAnalysisTests): label extents, no HU refinement.</summary>
    private const double HeightToleranceMm = 2;

    private static readonly Lazy<SpineMrStudy> Study = new(() => SpineMrPhantom.Generate(new SpineMrPhantomOptions
    {
        Seed = 21,
        Contrast = SpineMrContrast.T2,
        FirstLevel = "T11",
        LastLevel = "S1",
        Rows = 300,
        Columns = 240,
        PixelSpacingMm = 1.0,
        Slices = 11,
        Fractures = [new SpineFracture("T12", VertebralFractureType.Crush, 30), new SpineFracture("L1", VertebralFractureType.Wedge, 35),
            new SpineFracture("L3", VertebralFractureType.Biconcave, 30)],
    }));

    [Fact]
    public async Task Sagittal_mr_with_a_vertebra_seg_gives_the_truths_levels_heights_and_grades_through_the_seg_path()
    {
        var study = Study.Value;
        var seg = SpineSegWriter.Build(study);
        Assert.Equal("SEG", seg.Dataset.GetString(DicomTags.Modality));
        var images = PhantomSeries.Input(study.Instances);
        var segInput = PhantomSeries.Input([seg]);
        var source = new OneSeries(images);
        var analyzer = new SpineAnalyzer(referencedSeries: source);
        Assert.True(analyzer.Accepts(segInput.Metadata));

        var payload = (await analyzer.AnalyzeAsync(segInput, CancellationToken.None)).PayloadJson;
        var findings = JsonSerializer.Deserialize(payload, SpineJsonContext.Default.SpineFindings)!;
        var json = JsonDocument.Parse(payload).RootElement;
        foreach (var w in findings.Warnings) output.WriteLine($"{w.Code}: {w.Message}");

        Assert.Equal(study.GroundTruth.SeriesInstanceUid, Assert.Single(source.Requests).SeriesInstanceUids.Single());
        Assert.Equal("seg", json.GetProperty("method").GetString());
        Assert.Equal("MR", json.GetProperty("modality").GetString());
        Assert.Equal("high", findings.LabelConfidence);
        Assert.Equal(segInput.Metadata.SeriesInstanceUid, findings.SeriesInstanceUid);
        Assert.Equal(study.GroundTruth.SeriesInstanceUid, findings.SourceSeriesInstanceUid);
        var truth = study.GroundTruth.Vertebrae.Where(v => v.Level != "S1" && v.FieldOfView == "full").ToList();
        Assert.Equal(truth.Select(t => t.Level), findings.Vertebrae.Select(v => v.Level));
        foreach (var t in truth)
        {
            var v = findings.Vertebrae.Single(f => f.Level == t.Level);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{t.Level}: A {v.AnteriorHeightMm - t.AnteriorHeightMm:+0.00;-0.00} M {v.MiddleHeightMm - t.MiddleHeightMm:+0.00;-0.00} P {v.PosteriorHeightMm - t.PosteriorHeightMm:+0.00;-0.00} mm; loss {v.HeightLossPercent:0.0}% (truth {t.HeightLossPercent:0.0}%), grade {v.GenantGrade} (truth {t.GenantGrade}), {v.FractureType} (truth {t.FractureType})"));
        }
        foreach (var t in truth)
        {
            var v = findings.Vertebrae.Single(f => f.Level == t.Level);
            Assert.InRange(v.AnteriorHeightMm, t.AnteriorHeightMm - HeightToleranceMm, t.AnteriorHeightMm + HeightToleranceMm);
            Assert.InRange(v.MiddleHeightMm, t.MiddleHeightMm - HeightToleranceMm, t.MiddleHeightMm + HeightToleranceMm);
            Assert.InRange(v.PosteriorHeightMm, t.PosteriorHeightMm - HeightToleranceMm, t.PosteriorHeightMm + HeightToleranceMm);
            Assert.True(t.GenantGrade == v.GenantGrade, $"{t.Level}: grade {v.GenantGrade}, truth {t.GenantGrade} ({v.HeightLossPercent}% vs {t.HeightLossPercent:F1}%)");
            if (t.GenantGrade > 0) Assert.Equal(t.FractureType, v.FractureType);
            Assert.False(v.Cement);
        }
        Assert.Equal(study.GroundTruth.FlaggedLevels, findings.FlaggedLevels);
    }

    /// <summary>The image store as the worker's <c>StoreReferencedSeriesSource</c> would answer: the one MR series, when named.</summary>
    private sealed class OneSeries(SeriesInput images) : IReferencedSeriesSource
    {
        public List<ReferencedSeriesRequest> Requests { get; } = [];

        public Task<SeriesInput?> FindAsync(ReferencedSeriesRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(request.SeriesInstanceUids.Contains(images.Metadata.SeriesInstanceUid) ? images : null);
        }
    }
}
