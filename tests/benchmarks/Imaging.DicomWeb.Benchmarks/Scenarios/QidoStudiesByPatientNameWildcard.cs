namespace Imaging.DicomWeb.Benchmarks.Scenarios;

/// <summary>Patient name typed as a prefix with a wildcard, in lower case.</summary>
public sealed class QidoStudiesByPatientNameWildcard : IDicomWebScenario
{
    public string Name => "studies PatientName=smi*";

    public string PathAndQuery(SeedInfo seed) => "studies?PatientName=smi*&limit=25";
}
