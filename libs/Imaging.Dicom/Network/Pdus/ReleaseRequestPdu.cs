namespace Imaging.Dicom.Network;

/// <summary>A-RELEASE-RQ: asks for an orderly end of the association (PS3.8 9.3.6).</summary>
public sealed record ReleaseRequestPdu : Pdu
{
    public static ReleaseRequestPdu Instance { get; } = new();

    public override PduType Type => PduType.ReleaseRequest;
}
