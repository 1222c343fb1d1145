namespace Imaging.Dicom.Network;

/// <summary>Who aborted an association: the Source field of an A-ABORT PDU (PS3.8 9.3.8).</summary>
public enum AbortSource : byte
{
    /// <summary>The peer application (the reason field is then not significant).</summary>
    ServiceUser = 0,
    Reserved = 1,
    /// <summary>The upper layer protocol machine, which detected a protocol error.</summary>
    ServiceProvider = 2,
}
