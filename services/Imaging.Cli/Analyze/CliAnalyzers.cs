using Imaging.Analysis;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.Spine;

namespace Imaging.Cli.Analyze;

/// <summary>The analyzers <c>imaging analyze</c> runs: the clinical ones (the metadata analyzer accepts every series and
/// would make every folder "analysable"). A new analyzer is one more line here.</summary>
internal static class CliAnalyzers
{
    public static IReadOnlyList<ISeriesAnalyzer> Create(IPriorFindingsSource? priors) =>
    [
        new BoneScanAnalyzer(priors: priors),
        // Codecs are registered in PixelCodecRegistry.Default at start (CliCodecs), so compressed CT series decode.
        new SpineAnalyzer(priors: priors),
    ];
}
