namespace Imaging.DicomWeb.Benchmarks.Scenarios;

/// <summary>Fuzzy patient name: two word prefixes, in any order.</summary>
public sealed class QidoStudiesByPatientNameFuzzy : IDicomWebScenario
{
    public string Name => "studies fuzzy 'jo smi'";

    public string PathAndQuery(SeedInfo seed) => "studies?PatientName=jo%20smi&fuzzymatching=true&limit=25";
}
