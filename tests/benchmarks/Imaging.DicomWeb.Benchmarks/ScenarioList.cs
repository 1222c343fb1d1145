using Imaging.DicomWeb.Benchmarks.Scenarios;

namespace Imaging.DicomWeb.Benchmarks;

/// <summary>The scenarios run, in order.</summary>
public static class ScenarioList
{
    public static IReadOnlyList<IDicomWebScenario> All { get; } =
    [
        new QidoStudiesFirstPage(),
        new QidoStudiesByPatientNameWildcard(),
        new QidoStudiesByPatientNameFuzzy(),
        new QidoStudiesByPatientId(),
        new QidoStudiesByDateRangeAndModality(),
        new QidoStudiesByAccession(),
        new QidoStudiesDeepPage(),
        new QidoSeriesOfStudy(),
        new QidoInstancesOfSeries(),
    ];
}
