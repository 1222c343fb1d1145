namespace Imaging.DicomWeb.Benchmarks.Scenarios;

/// <summary>One patient's studies by Patient ID.</summary>
public sealed class QidoStudiesByPatientId : IDicomWebScenario
{
    public string Name => "studies PatientID";

    public string PathAndQuery(SeedInfo seed) => $"studies?PatientID={seed.PatientId}";
}
