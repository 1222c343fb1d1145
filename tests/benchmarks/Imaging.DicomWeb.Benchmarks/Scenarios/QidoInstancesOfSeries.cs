namespace Imaging.DicomWeb.Benchmarks.Scenarios;

/// <summary>The instances of one series.</summary>
public sealed class QidoInstancesOfSeries : IDicomWebScenario
{
    public string Name => "instances of a series";

    public string PathAndQuery(SeedInfo seed) => $"studies/{seed.StudyUid}/series/{seed.SeriesUid}/instances";
}
