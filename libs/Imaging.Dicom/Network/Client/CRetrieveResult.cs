namespace Imaging.Dicom.Network;

/// <summary>How a C-MOVE or C-GET ended: the final status and the sub-operation counts the peer reported.</summary>
public sealed record CRetrieveResult(ushort Status, int Completed, int Failed, int Warning, string? ErrorComment);
