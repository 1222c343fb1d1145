namespace Imaging.DicomWeb.Benchmarks.Scenarios;

/// <summary>A year of bone scans: a date range and ModalitiesInStudy.</summary>
public sealed class QidoStudiesByDateRangeAndModality : IDicomWebScenario
{
    public string Name => "studies 2020 + NM";

    public string PathAndQuery(SeedInfo seed) => "studies?StudyDate=20200101-20201231&ModalitiesInStudy=NM&limit=25";
}
