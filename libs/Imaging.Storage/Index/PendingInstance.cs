namespace Imaging.Storage;

/// <summary>An instance of a series that is still pending (receiving), as start-up reconciliation sees it.</summary>
/// <param name="ReceivedAt">As stored: removing the row only when it still holds this value leaves a copy sent again
/// meanwhile alone.</param>
public sealed record PendingInstance(string SopInstanceUid, string BlobKey, DateTimeOffset ReceivedAt);
