using Imaging.Phantoms;
using Imaging.Phantoms.Rendering;

namespace Imaging.Phantoms.Tests;

public sealed class CountsAndNoiseTests(PhantomFixture fixture) : IClassFixture<PhantomFixture>
{
    [Theory]
    [InlineData(1_500_000L)]
    [InlineData(200_000L)]
    public void Total_counts_per_view_are_within_one_percent_of_the_request(long requested)
    {
        var study = requested == 1_500_000 ? fixture.Noisy : BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 9, CountsPerView = requested });
        foreach (var view in new[] { PhantomView.Anterior, PhantomView.Posterior })
        {
            long sum = 0;
            foreach (var c in study.Counts(view)) sum += c;
            Assert.InRange(sum, requested * 0.99, requested * 1.01);
        }
        Assert.InRange(study.GroundTruth.CountsAnterior, requested * 0.99, requested * 1.01);
        Assert.Equal(requested, study.GroundTruth.RequestedCountsPerView);
    }

    [Fact]
    public void Noise_is_poisson_in_a_flat_background_patch_variance_close_to_mean()
    {
        // A flat patch: the same expected count everywhere, sampled through the generator's own noise path.
        var study = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 11, Lesions = [], InjectionSite = null });
        var expected = study.ExpectedCounts(PhantomView.Anterior);
        var counts = study.Counts(PhantomView.Anterior);
        // Soft tissue of the abdomen between the kidneys and the iliac wings is smooth; normalise by the expected value
        // so a slow slope does not inflate the variance.
        var residuals = new List<double>();
        var means = new List<double>();
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] < 3 || expected[i] > 12) continue;
            residuals.Add((counts[i] - expected[i]) / Math.Sqrt(expected[i]));
            means.Add(expected[i]);
        }
        Assert.True(residuals.Count > 5_000, $"only {residuals.Count} background pixels");
        var mean = residuals.Average();
        var variance = residuals.Sum(r => (r - mean) * (r - mean)) / (residuals.Count - 1);
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(variance, 0.95, 1.05);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(4.0)]
    [InlineData(9.9)]
    [InlineData(10.0)]
    [InlineData(37.5)]
    [InlineData(900.0)]
    public void Poisson_sampler_matches_mean_variance_and_zero_probability(double lambda)
    {
        var random = new PhantomRandom(1234, 7);
        const int n = 200_000;
        double sum = 0, sum2 = 0;
        var zeros = 0;
        for (var i = 0; i < n; i++)
        {
            var k = PoissonSampler.Sample(random, lambda);
            Assert.True(k >= 0);
            sum += k;
            sum2 += (double)k * k;
            if (k == 0) zeros++;
        }
        var mean = sum / n;
        var variance = sum2 / n - mean * mean;
        var standardError = Math.Sqrt(lambda / n);
        Assert.InRange(mean, lambda - 5 * standardError, lambda + 5 * standardError);
        Assert.InRange(variance / lambda, 0.97, 1.03);
        var p0 = Math.Exp(-lambda);
        Assert.InRange(zeros / (double)n, p0 - 5 * Math.Sqrt(p0 * (1 - p0) / n) - 1e-9, p0 + 5 * Math.Sqrt(p0 * (1 - p0) / n) + 1e-9);
    }

    [Fact]
    public void Poisson_distribution_at_low_mean_is_skewed_not_gaussian()
    {
        // At a mean of 2, P(k) = e^-2 2^k / k!: 0.135, 0.271, 0.271, 0.180, 0.090 — a Gaussian approximation gets these wrong.
        var random = new PhantomRandom(99);
        var histogram = new int[8];
        const int n = 400_000;
        for (var i = 0; i < n; i++) histogram[Math.Min(7, PoissonSampler.Sample(random, 2.0))]++;
        double factorial = 1;
        for (var k = 0; k < 5; k++)
        {
            if (k > 0) factorial *= k;
            var p = Math.Exp(-2) * Math.Pow(2, k) / factorial;
            Assert.InRange(histogram[k] / (double)n, p - 0.003, p + 0.003);
        }
    }

    [Fact]
    public void Log_factorial_is_exact_below_and_continuous_across_the_table_boundary()
    {
        Assert.Equal(Math.Log(120), PoissonSampler.LogFactorial(5), 12);
        var sum = 0.0;
        for (var i = 2; i <= 70; i++) sum += Math.Log(i);
        Assert.Equal(sum, PoissonSampler.LogFactorial(70), 9);
        Assert.Equal(PoissonSampler.LogFactorial(63) + Math.Log(64), PoissonSampler.LogFactorial(64), 9);
    }

    [Fact]
    public void Posterior_view_shows_the_spine_and_kidneys_brighter_and_the_bladder_and_sternum_dimmer_than_anterior()
    {
        var truth = fixture.Noiseless.GroundTruth;
        var anterior = fixture.Noiseless.ExpectedCounts(PhantomView.Anterior, withLesions: false);
        var posterior = fixture.Noiseless.ExpectedCounts(PhantomView.Posterior, withLesions: false);
        float At(float[] image, PhantomView view, double x, double y)
        {
            var column = (int)Math.Round(view == PhantomView.Posterior ? truth.Columns - 1 - x : x);
            return image[(int)Math.Round(y) * truth.Columns + column];
        }

        var l1 = truth.Anchors.Spine.First(s => s.Level == "L1");
        Assert.True(At(posterior, PhantomView.Posterior, l1.X, l1.Y) > 1.5 * At(anterior, PhantomView.Anterior, l1.X, l1.Y));
        var kidney = truth.HotStructures.First(h => h.Name == "left-kidney");
        Assert.True(At(posterior, PhantomView.Posterior, kidney.X, kidney.Y) > 1.5 * At(anterior, PhantomView.Anterior, kidney.X, kidney.Y));
        var bladder = truth.HotStructures.First(h => h.Kind == "bladder");
        Assert.True(At(anterior, PhantomView.Anterior, bladder.X, bladder.Y) > 2 * At(posterior, PhantomView.Posterior, bladder.X, bladder.Y));
        // The bladder is the hottest thing in the anterior view.
        Assert.Equal(anterior.Max(), At(anterior, PhantomView.Anterior, bladder.X, bladder.Y), 0.25 * anterior.Max());
    }
}
