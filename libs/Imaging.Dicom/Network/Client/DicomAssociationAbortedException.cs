namespace Imaging.Dicom.Network;

/// <summary>The association ended abnormally: an A-ABORT from the peer, or the connection closed under it.</summary>
/// <param name="abort">Null when the connection closed without an A-ABORT.</param>
public sealed class DicomAssociationAbortedException(AbortPdu? abort, string message) : Exception(message)
{
    public AbortPdu? Abort { get; } = abort;
}
