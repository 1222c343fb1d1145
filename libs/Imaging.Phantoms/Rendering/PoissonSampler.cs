using System.Runtime.CompilerServices;
namespace Imaging.Phantoms.Rendering;

/// <summary>Exact Poisson variates: multiplication of uniforms for small means, and Hörmann's transformed rejection with
/// squeeze (PTRS, 1993) for means of 10 and more, so low-count pixels keep their true skewed distribution instead of a
/// Gaussian approximation.</summary>
internal static class PoissonSampler
{
    private const double SwitchMean = 10.0;

    private static readonly double[] SmallLogFactorials = BuildSmallLogFactorials();

    private static double[] BuildSmallLogFactorials()
    {
        var table = new double[64];
        for (var i = 2; i < table.Length; i++) table[i] = table[i - 1] + Math.Log(i);
        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Sample(PhantomRandom random, double mean)
    {
        if (!(mean >= 0) || double.IsInfinity(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "A Poisson mean must be finite and not negative.");
        if (mean == 0) return 0;
        return mean < SwitchMean ? Multiplication(random, mean) : TransformedRejection(random, mean);
    }

    private static int Multiplication(PhantomRandom random, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var k = 0;
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }
        return k;
    }

    private static int TransformedRejection(PhantomRandom random, double mean)
    {
        var root = Math.Sqrt(mean);
        var logMean = Math.Log(mean);
        var b = 0.931 + 2.53 * root;
        var a = -0.059 + 0.02483 * b;
        var inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        var acceptBound = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            var u = random.NextDouble() - 0.5;
            var v = random.NextOpenDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= acceptBound) return (int)k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(inverseAlpha) - Math.Log(a / (us * us) + b) <= -mean + k * logMean - LogFactorial(k))
                return (int)k;
        }
    }

    /// <summary>ln(k!) exactly summed below 64, by Stirling's series (error under 1e-12) above.</summary>
    internal static double LogFactorial(double k)
    {
        if (k < 64) return SmallLogFactorials[(int)k];
        var n = k + 1;
        var inverse = 1.0 / n;
        var inverse2 = inverse * inverse;
        return (n - 0.5) * Math.Log(n) - n + 0.5 * Math.Log(2 * Math.PI)
            + inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 / 1680)));
    }
}
