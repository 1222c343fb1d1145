using Imaging.Dicom.Data;

namespace Imaging.Deidentification;

/// <summary>Applies the configured PS3.15 Annex E profile to one instance.</summary>
/// <remarks>Implementations are thread-safe: one instance serves every worker of an export.</remarks>
public interface IDeidentifier
{
    /// <summary>The options in force (for the manifest and the De-identification Method attribute).</summary>
    DeidentificationOptions Options { get; }

    /// <summary>De-identifies <paramref name="dataset"/> IN PLACE (the caller must not use the original values after)
    /// and says where it belongs in the export. A quarantined instance is left unchanged and must not be exported:
    /// the outcome says why.</summary>
    DeidentificationOutcome Deidentify(DicomDataset dataset);
}
