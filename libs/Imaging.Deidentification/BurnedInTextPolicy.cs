using Imaging.Dicom.Data;

namespace Imaging.Deidentification;

/// <summary>Decides which instances may carry burned-in text (identities drawn into the pixels, which no attribute rule
/// can remove): Burned In Annotation (0028,0301) YES; or, without that flag set to NO, a modality or SOP class where
/// burned-in text is usual; and every encapsulated document (PDF, CDA, ...), whose content is not inspectable.</summary>
internal static class BurnedInTextPolicy
{
    /// <summary>Modalities whose images commonly have burned-in text: screen captures and photographs (SC, OT, XC,
    /// ES, GM, DOC), ultrasound with its annotated screens (US, IVUS).</summary>
    public static IReadOnlySet<string> LikelyModalities { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "SC", "OT", "XC", "ES", "GM", "DOC", "US", "IVUS",
    };

    private const string SecondaryCapturePrefix = "1.2.840.10008.5.1.4.1.1.7";
    private const string EncapsulatedDocumentPrefix = "1.2.840.10008.5.1.4.1.1.104.";

    /// <summary>Why <paramref name="dataset"/> may show burned-in text, or null.</summary>
    public static string? Reason(DicomDataset dataset)
    {
        var sopClass = dataset.GetSingleString(DicomTag.SopClassUid) ?? string.Empty;
        if (sopClass.StartsWith(EncapsulatedDocumentPrefix, StringComparison.Ordinal))
            return "encapsulated document: its content cannot be de-identified";
        var flag = dataset.GetSingleString(new DicomTag(0x0028, 0x0301))?.Trim().ToUpperInvariant();
        if (flag == "YES") return "burned-in annotation: YES";
        if (flag == "NO") return null;
        var modality = dataset.GetSingleString(new DicomTag(0x0008, 0x0060))?.Trim().ToUpperInvariant() ?? string.Empty;
        if (LikelyModalities.Contains(modality)) return $"burned-in annotation likely (modality {modality}) and not flagged NO";
        if (sopClass == SecondaryCapturePrefix || sopClass.StartsWith(SecondaryCapturePrefix + ".", StringComparison.Ordinal))
            return "burned-in annotation likely (secondary capture) and not flagged NO";
        return null;
    }

    /// <summary>True for reasons no pixel cleaning can lift (encapsulated documents).</summary>
    public static bool IsFinal(string reason) => reason.StartsWith("encapsulated document", StringComparison.Ordinal);
}
