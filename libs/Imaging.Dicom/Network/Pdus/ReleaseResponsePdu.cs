namespace Imaging.Dicom.Network;

/// <summary>A-RELEASE-RP: confirms an orderly release (PS3.8 9.3.7).</summary>
public sealed record ReleaseResponsePdu : Pdu
{
    public static ReleaseResponsePdu Instance { get; } = new();

    public override PduType Type => PduType.ReleaseResponse;
}
