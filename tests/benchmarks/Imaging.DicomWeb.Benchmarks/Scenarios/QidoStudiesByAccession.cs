namespace Imaging.DicomWeb.Benchmarks.Scenarios;

/// <summary>One study by accession number.</summary>
public sealed class QidoStudiesByAccession : IDicomWebScenario
{
    public string Name => "studies AccessionNumber";

    public string PathAndQuery(SeedInfo seed) => $"studies?AccessionNumber={seed.AccessionNumber}";
}
