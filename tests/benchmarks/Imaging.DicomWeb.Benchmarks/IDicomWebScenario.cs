namespace Imaging.DicomWeb.Benchmarks;

/// <summary>One timed request shape. Add a scenario as a new class in Scenarios/ and list it in <see cref="ScenarioList"/>.</summary>
public interface IDicomWebScenario
{
    /// <summary>Short name printed in the results table.</summary>
    string Name { get; }

    /// <summary>The request, relative to the DICOMweb root (no leading slash), e.g. <c>studies?limit=25</c>.</summary>
    string PathAndQuery(SeedInfo seed);

    /// <summary>The Accept header sent.</summary>
    string Accept => "application/dicom+json";
}
