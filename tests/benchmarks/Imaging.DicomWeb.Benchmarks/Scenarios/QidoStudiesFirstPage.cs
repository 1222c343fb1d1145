namespace Imaging.DicomWeb.Benchmarks.Scenarios;

/// <summary>The study list a viewer opens with: the newest 25 studies, with description and modality.</summary>
public sealed class QidoStudiesFirstPage : IDicomWebScenario
{
    public string Name => "studies first page";

    public string PathAndQuery(SeedInfo seed) => "studies?limit=25&offset=0&fuzzymatching=false&includefield=00081030%2C00080060";
}
