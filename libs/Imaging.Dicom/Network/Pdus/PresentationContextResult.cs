namespace Imaging.Dicom.Network;

/// <summary>The acceptor's answer to one proposed presentation context (PS3.8 9.3.3.2).</summary>
/// <param name="TransferSyntax">The transfer syntax chosen; not significant (and possibly empty) unless accepted.</param>
public sealed record PresentationContextResult(byte Id, PresentationContextResultReason Result, string TransferSyntax)
{
    public bool IsAccepted => Result == PresentationContextResultReason.Acceptance;
}
