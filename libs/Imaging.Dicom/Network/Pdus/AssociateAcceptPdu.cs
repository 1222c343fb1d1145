namespace Imaging.Dicom.Network;

/// <summary>A-ASSOCIATE-AC: the acceptor's answer to each proposed presentation context (PS3.8 9.3.3).</summary>
/// <param name="CalledAETitle">Echoes the request's field (PS3.8 says it is sent back unchanged and never tested).</param>
/// <param name="CallingAETitle">Echoes the request's field.</param>
public sealed record AssociateAcceptPdu(
    string CalledAETitle,
    string CallingAETitle,
    IReadOnlyList<PresentationContextResult> PresentationContexts,
    UserInformation UserInformation) : Pdu
{
    public override PduType Type => PduType.AssociateAccept;

    public ushort ProtocolVersion { get; init; } = 1;

    public string ApplicationContextName { get; init; } = DicomApplicationContext.Name;
}
