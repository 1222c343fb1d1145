using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Comparison;
using Imaging.Analysis.Tests.Spine.Volume;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Truth;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.Spine.Comparison;

/// <summary>A baseline and a follow-up CT of one phantom patient through the analyzer with a prior source: a new wedge
/// fracture (L3), a fracture progressing from grade 1 to 3 (T11), cement added (L4), the patient lying a few mm elsewhere.</summary>
public sealed class SpineComparisonPhantomTests(SpineComparisonPhantomTests.Pair pair, ITestOutputHelper output)
    : IClassFixture<SpineComparisonPhantomTests.Pair>
{
    public static readonly double[] ShiftMm = [3, -4, 5];

    /// <summary>The two phantoms and their analyses, generated once for the class.</summary>
    public sealed class Pair
    {
        private readonly Lazy<Task<Result>> _result = new(() => Task.Run(MakeAsync));

        public Task<Result> Value => _result.Value;

        public sealed record Result(SpineCtStudy Baseline, SpineCtStudy FollowUp, SpineFindings Prior, SpineFindings Current);

        private static async Task<Result> MakeAsync()
        {
            var baseline = SpineCtPhantom.Generate(new SpineCtPhantomOptions
            {
                Seed = 71,
                FirstLevel = "T9",
                PatientId = "SPINE-COMPARE",
                AcquisitionDateTime = new DateTime(2026, 1, 12, 9, 0, 0),
                Fractures = [new SpineFracture("T11", VertebralFractureType.Crush, 23)],
            });
            var followUp = SpineCtPhantom.Generate(new SpineCtPhantomOptions
            {
                Seed = 72,
                UidSalt = "spine-compare/follow-up",
                FirstLevel = "T9",
                PatientId = "SPINE-COMPARE",
                AcquisitionDateTime = new DateTime(2026, 5, 4, 14, 0, 0),
                Fractures = [new SpineFracture("T11", VertebralFractureType.Crush, 45), new SpineFracture("L3", VertebralFractureType.Wedge, 30)],
                CementLevels = ["L4"],
            });
            Shift(followUp, ShiftMm);

            var prior = (await new SpineAnalyzer().AnalyzeAsync(PhantomSeries.Input(baseline.Instances), CancellationToken.None)).PayloadJson;
            var priors = new FixedPriors(new PatientHistory(
            [
                new PriorFindings(baseline.GroundTruth.StudyInstanceUid, baseline.GroundTruth.SeriesInstanceUid, new DateOnly(2026, 1, 12), "spine", "0.1", prior),
            ]));
            var current = (await new SpineAnalyzer(priors: priors).AnalyzeAsync(PhantomSeries.Input(followUp.Instances), CancellationToken.None)).PayloadJson;
            return new Result(baseline, followUp, SpinePriorSelector.TryParse(prior)!, SpinePriorSelector.TryParse(current)!);
        }

        /// <summary>Moves every slice (and so the patient) by <paramref name="shift"/> patient mm.</summary>
        private static void Shift(SpineCtStudy study, double[] shift)
        {
            foreach (var file in study.Instances)
            {
                var ds = file.Dataset;
                var position = Enumerable.Range(0, 3).Select(i => ds.GetDecimal(DicomTags.ImagePositionPatient, i)!.Value + shift[i]).ToArray();
                ds.Set(DicomElement.FromDecimals(DicomTags.ImagePositionPatient, position));
            }
        }
    }

    private sealed class FixedPriors(PatientHistory history) : IPriorFindingsSource
    {
        public Task<PatientHistory> GetHistoryAsync(PriorFindingsRequest request, CancellationToken cancellationToken) => Task.FromResult(history);
    }

    [Fact]
    public async Task Follow_up_gives_exact_statuses_and_height_changes_within_1_5_mm_of_the_truth()
    {
        var (baseline, followUp, prior, current) = await pair.Value;
        var comparison = current.Comparison!;
        foreach (var row in comparison.Levels)
        {
            output.WriteLine($"{row.Level} {row.Status} grade {row.PriorGenantGrade}->{row.CurrentGenantGrade} min {row.PriorMinimumHeightMm}->{row.CurrentMinimumHeightMm} " +
                $"({row.MinimumHeightChangeMm} mm) cement {row.PriorCement}->{row.CurrentCement} d {row.CentroidDistanceMm}");
        }
        foreach (var note in comparison.Notes) output.WriteLine(note);

        Assert.Equal(baseline.GroundTruth.StudyInstanceUid, comparison.PriorStudyInstanceUid);
        Assert.Equal(112, comparison.IntervalDays);
        Assert.Equal(SpineComparer.ByLabel, comparison.Alignment.Method);
        Assert.Equal(["L3"], comparison.NewFractureLevels);
        Assert.Equal(["T11"], comparison.ProgressedLevels);
        Assert.Equal(["L4"], comparison.CementAddedLevels);
        Assert.True(comparison.Levels.Single(l => l.Level == "T11").GradeProgression);
        Assert.All(comparison.Levels.Where(l => l.Level is not ("T11" or "L3")), l => Assert.Equal(SpineComparer.Stable, l.Status));
        Assert.Equal(current.Vertebrae.Select(v => v.Level), comparison.Levels.Select(l => l.Level));

        var before = baseline.GroundTruth.Vertebrae.ToDictionary(v => v.Level);
        foreach (var truth in followUp.GroundTruth.Vertebrae.Where(v => comparison.Levels.Any(l => l.Level == v.Level)))
        {
            var expected = Minimum(truth) - Minimum(before[truth.Level]);
            var measured = comparison.Levels.Single(l => l.Level == truth.Level).MinimumHeightChangeMm!.Value;
            // The new wedge inherits the measurer's known bias on wedge anterior heights (+1.4–1.7 mm on the fractured body,
            // docs/analysis.md); every other level, the progressing crush included, is held to ±1.5 mm.
            var tolerance = truth.Level == "L3" ? 2.0 : 1.5;
            output.WriteLine($"{truth.Level}: change measured {measured:0.00} mm, truth {expected:0.00} mm");
            Assert.True(Math.Abs(measured - expected) <= tolerance, $"{truth.Level}: measured {measured:0.00} mm, truth {expected:0.00} mm");
        }
        for (var axis = 0; axis < 3; axis++) Assert.InRange(comparison.Alignment.TranslationMm![axis], ShiftMm[axis] - 1.5, ShiftMm[axis] + 1.5);
        // Levels above a collapsing body move down with it: each residual is compared with the truth's own displacement.
        var translation = comparison.Alignment.TranslationMm!;
        foreach (var truth in followUp.GroundTruth.Vertebrae.Where(v => comparison.Levels.Any(l => l.Level == v.Level)))
        {
            var moved = Enumerable.Range(0, 3).Select(i => truth.CentroidMm[i] + ShiftMm[i] - before[truth.Level].CentroidMm[i] - translation[i]).ToArray();
            var expected = Math.Sqrt(moved.Sum(d => d * d));
            var measured = comparison.Levels.Single(l => l.Level == truth.Level).CentroidDistanceMm!.Value;
            output.WriteLine($"{truth.Level}: centroid residual measured {measured:0.00} mm, truth {expected:0.00} mm");
            Assert.True(Math.Abs(measured - expected) <= 1.5, $"{truth.Level}: centroid residual {measured:0.00} mm, truth {expected:0.00} mm");
        }
    }

    [Fact]
    public async Task Every_follow_up_level_carries_the_prior_tracking_uid()
    {
        var (_, _, prior, current) = await pair.Value;

        Assert.Null(prior.Comparison);
        Assert.All(prior.Vertebrae, v => Assert.Equal(SpineTracking.DeriveUid(prior.SeriesInstanceUid, v.Level), v.TrackingUid));
        foreach (var level in current.Vertebrae)
        {
            Assert.Equal(prior.Vertebrae.Single(v => v.Level == level.Level).TrackingUid, level.TrackingUid);
            Assert.Equal(level.TrackingUid, current.Comparison!.Levels.Single(l => l.Level == level.Level).TrackingUid);
        }
    }

    private static double Minimum(VertebraTruth v) => Math.Min(v.AnteriorHeightMm, Math.Min(v.MiddleHeightMm, v.PosteriorHeightMm));
}
