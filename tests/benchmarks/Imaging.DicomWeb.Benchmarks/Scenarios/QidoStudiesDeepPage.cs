namespace Imaging.DicomWeb.Benchmarks.Scenarios;

/// <summary>A page far down the unfiltered list (offset 5000).</summary>
public sealed class QidoStudiesDeepPage : IDicomWebScenario
{
    public string Name => "studies offset=5000";

    public string PathAndQuery(SeedInfo seed) => "studies?limit=100&offset=5000";
}
