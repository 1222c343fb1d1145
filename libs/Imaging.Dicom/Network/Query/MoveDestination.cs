namespace Imaging.Dicom.Network;

/// <summary>Where a C-MOVE destination AE title is reached (the server's configuration, never the request, decides).</summary>
public sealed record MoveDestination(string Host, int Port);
