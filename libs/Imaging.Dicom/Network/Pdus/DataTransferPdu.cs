namespace Imaging.Dicom.Network;

/// <summary>P-DATA-TF: carries one or more PDV items (PS3.8 9.3.5).</summary>
/// <remarks>When produced by <see cref="PduReader"/>, the PDV data are slices of the receive buffer; see
/// <see cref="PresentationDataValue"/> for their lifetime.</remarks>
public sealed record DataTransferPdu(IReadOnlyList<PresentationDataValue> Values) : Pdu
{
    public override PduType Type => PduType.DataTransfer;
}
