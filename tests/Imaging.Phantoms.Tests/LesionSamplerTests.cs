using Imaging.Phantoms;

namespace Imaging.Phantoms.Tests;

public sealed class LesionSamplerTests
{
    [Fact]
    public void Sampled_lesions_are_reproducible_spread_over_regions_and_apart()
    {
        var lesions = LesionSampler.Sample(seed: 21, count: 12, fwhmMm: 18, contrast: 2.5);
        Assert.Equal(lesions, LesionSampler.Sample(seed: 21, count: 12, fwhmMm: 18, contrast: 2.5));
        Assert.NotEqual(lesions, LesionSampler.Sample(seed: 22, count: 12, fwhmMm: 18, contrast: 2.5));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"R{i}"), lesions.Select(l => l.Id));
        for (var i = 0; i < lesions.Count; i++)
            for (var j = i + 1; j < lesions.Count; j++)
            {
                var (a, b) = (lesions[i].At, lesions[j].At);
                Assert.True(Math.Sqrt((a.XMm - b.XMm) * (a.XMm - b.XMm) + (a.YMm - b.YMm) * (a.YMm - b.YMm)) >= 50);
            }

        var study = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 21, PoissonNoise = false, Lesions = lesions });
        var truth = study.GroundTruth;
        Assert.True(truth.Lesions.Select(l => l.Region).Distinct().Count() >= 6, string.Join(",", truth.Lesions.Select(l => l.Region)));
        Assert.All(truth.Lesions, l => Assert.True(Math.Max(l.PeakRatioAnterior ?? 0, l.PeakRatioPosterior ?? 0) > 1.3,
            $"{l.Id} on {l.Bone}: peak ratios {l.PeakRatioAnterior} / {l.PeakRatioPosterior}"));
        var bladder = truth.HotStructures.Single(h => h.Kind == "bladder");
        Assert.All(truth.Lesions, l => Assert.True(Math.Abs(l.X - bladder.X) + Math.Abs(l.Y - bladder.Y) > 30, $"{l.Id} sits on the bladder"));
    }

    [Fact]
    public void Impossible_requests_fail_clearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LesionSampler.Sample(1, -1));
        Assert.Throws<InvalidOperationException>(() => LesionSampler.Sample(1, 60, minimumSeparationMm: 400));
    }
}
