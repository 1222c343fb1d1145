namespace Imaging.DicomWeb.Benchmarks.Scenarios;

/// <summary>The series of one study.</summary>
public sealed class QidoSeriesOfStudy : IDicomWebScenario
{
    public string Name => "series of a study";

    public string PathAndQuery(SeedInfo seed) => $"studies/{seed.StudyUid}/series";
}
