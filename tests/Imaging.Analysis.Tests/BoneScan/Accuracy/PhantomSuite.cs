using Imaging.Analysis.BoneScan;
using Imaging.Analysis.Metadata;
using Imaging.Phantoms;

namespace Imaging.Analysis.Tests.BoneScan.Accuracy;

/// <summary>The seeded phantom scans the accuracy tests and the benchmark sweep analyse, built and analysed in memory.</summary>
public static class PhantomSuite
{
    /// <summary>Patient heights cycled through the suite (a short woman to a tall man).</summary>
    public static IReadOnlyList<double> Heights { get; } = [1550, 1650, 1750, 1850, 1950];

    /// <summary>Scan <paramref name="index"/> of the mixed suite: <paramref name="lesions"/> lesions sampled over all regions,
    /// each 15–30 mm FWHM and 2–4× normal bone, about one in six seen only anteriorly and one in six only posteriorly;
    /// every other scan with extravasation at the injection site; degenerative knees, shoulders, both or neither.</summary>
    public static BoneScanPhantomOptions Mixed(int index, long countsPerView = 1_500_000, int lesions = 8, long seedBase = 600)
    {
        var seed = seedBase + index;
        var height = Heights[index % Heights.Count];
        var sampled = LesionSampler.Sample(seed, lesions, 20, 3, 50, height);
        var varied = new List<PhantomLesion>();
        for (var i = 0; i < sampled.Count; i++)
        {
            var views = Unit(seed, i, 3) switch
            {
                < 1.0 / 6 => LesionViews.AnteriorOnly,
                < 2.0 / 6 => LesionViews.PosteriorOnly,
                _ => LesionViews.Both,
            };
            varied.Add(sampled[i] with
            {
                FwhmMm = Math.Round(15 + 15 * Unit(seed, i, 1), 1),
                Contrast = Math.Round(2 + 2 * Unit(seed, i, 2), 2),
                Views = views,
            });
        }
        return new BoneScanPhantomOptions
        {
            Seed = seed,
            CountsPerView = countsPerView,
            PatientHeightMm = height,
            Lesions = varied,
            InjectionSite = new InjectionSite { Extravasation = index % 2 == 1 },
            DegenerativeJoints = (index % 4) switch
            {
                0 => DegenerativeJoints.Knees,
                1 => DegenerativeJoints.Shoulders,
                2 => DegenerativeJoints.Knees | DegenerativeJoints.Shoulders,
                _ => DegenerativeJoints.None,
            },
        };
    }

    /// <summary>Scan <paramref name="index"/> of a uniform sweep cell: <paramref name="lesions"/> lesions, all of one size and
    /// contrast and seen in both views, default injection site, no degenerative joints.</summary>
    public static BoneScanPhantomOptions Uniform(int index, long countsPerView, double fwhmMm, double contrast, int lesions = 8, long seedBase = 900)
    {
        var seed = seedBase + index;
        var height = Heights[index % Heights.Count];
        return new BoneScanPhantomOptions
        {
            Seed = seed,
            CountsPerView = countsPerView,
            PatientHeightMm = height,
            Lesions = LesionSampler.Sample(seed, lesions, fwhmMm, contrast, 50, height),
        };
    }

    /// <summary>The phantom's instances as the worker would see them, without touching the disk.</summary>
    public static SeriesInput Input(Imaging.Phantoms.BoneScanStudy phantom)
    {
        ArgumentNullException.ThrowIfNull(phantom);
        var files = new List<InstanceFile>();
        for (var i = 0; i < phantom.Instances.Count; i++)
        {
            var bytes = phantom.ToBytes(i);
            files.Add(InstanceFile.FromStream($"phantom-{i + 1}.dcm", () => new MemoryStream(bytes, writable: false)));
        }
        return SeriesMetadataExtractor.Extract(files, CancellationToken.None);
    }

    /// <summary>Generates, analyses and scores one phantom.</summary>
    public static (BoneScanFindings Findings, BoneScanScore Score) Run(BoneScanPhantomOptions options, BoneScanAnalyzer? analyzer = null)
    {
        var phantom = BoneScanPhantom.Generate(options);
        var findings = (analyzer ?? new BoneScanAnalyzer()).Analyze(Input(phantom), CancellationToken.None);
        return (findings, BoneScanScorer.Score(findings, phantom.GroundTruth));
    }

    /// <summary>A reproducible uniform number in [0, 1) for (seed, lesion, purpose): SplitMix64 finalisation, so the suite
    /// never depends on System.Random's implementation.</summary>
    private static double Unit(long seed, int lesion, int purpose)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)lesion * 0xBF58476D1CE4E5B9UL + (ulong)purpose * 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
