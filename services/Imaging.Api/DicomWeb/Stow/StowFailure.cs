namespace Imaging.Api.DicomWeb;

/// <summary>Failure Reason (0008,1197) values STOW-RS uses besides the ingest's own DIMSE statuses (PS3.18 Table 10.5.3-3).</summary>
internal static class StowFailure
{
    /// <summary>0xC000: the part is not a DICOM instance that can be parsed.</summary>
    public const ushort CannotUnderstand = 0xC000;

    /// <summary>0xA900: the instance does not belong to the study the request URL names.</summary>
    public const ushort StudyMismatch = 0xA900;
}
