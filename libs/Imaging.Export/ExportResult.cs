namespace Imaging.Export;

/// <summary>The outcome of a finished export.</summary>
/// <param name="OutputPath">The folder or ZIP written.</param>
/// <param name="ManifestPath">The manifest's path inside the output ("manifest.json" at its root).</param>
/// <param name="Patients">Pseudonymous patients exported.</param>
/// <param name="Studies">Studies exported.</param>
/// <param name="Exported">Instances written.</param>
/// <param name="Quarantined">Instances held back (burned-in text), listed in the manifest.</param>
/// <param name="Failed">Instances that could not be read or written, listed in the manifest.</param>
/// <param name="BytesWritten">Bytes of DICOM written.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record ExportResult(
    string OutputPath,
    string ManifestPath,
    int Patients,
    int Studies,
    int Exported,
    int Quarantined,
    int Failed,
    long BytesWritten,
    TimeSpan Elapsed);
