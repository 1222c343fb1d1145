namespace Imaging.Dicom.Network;

/// <summary>A-ASSOCIATE-RQ: the requestor's proposal (PS3.8 9.3.2).</summary>
/// <param name="CalledAETitle">The AE title the requestor wants to reach (trimmed of padding).</param>
/// <param name="CallingAETitle">The requestor's own AE title (trimmed of padding).</param>
public sealed record AssociateRequestPdu(
    string CalledAETitle,
    string CallingAETitle,
    IReadOnlyList<PresentationContextRequest> PresentationContexts,
    UserInformation UserInformation) : Pdu
{
    public override PduType Type => PduType.AssociateRequest;

    /// <summary>One bit per supported protocol version; version 1 is bit 0, the only one defined.</summary>
    public ushort ProtocolVersion { get; init; } = 1;

    public string ApplicationContextName { get; init; } = DicomApplicationContext.Name;
}
