namespace Imaging.Dicom.Network;

/// <summary>How a C-MOVE or C-GET ended: the final status and the sub-operation counts the peer reported.</summary>
public sealed record CRetrieveResult(ushort Status, int Completed, int Failed, int Warning, string? ErrorComment)
{
    /// <summary>The Failed SOP Instance UID List (0008,0058) of the final response's identifier (PS3.4 C.4.2.1.4,
    /// C.4.3.1.3); empty when the peer sent none.</summary>
    public IReadOnlyList<string> FailedSopInstanceUids { get; init; } = [];

    public override string ToString() =>
        $"status 0x{Status:X4}: {Completed} completed, {Failed} failed, {Warning} warning" +
        (FailedSopInstanceUids.Count > 0 ? $", failed instances {string.Join(", ", FailedSopInstanceUids)}" : "") +
        (string.IsNullOrEmpty(ErrorComment) ? "" : $" ({ErrorComment})");
}
