namespace Imaging.Dicom.Network;

/// <summary>Lengths <see cref="PduReader"/> accepts. Checked against the PDU header, before any of the body is buffered.</summary>
public sealed record PduReaderLimits
{
    /// <summary>Association PDUs are small (a full storage SCU proposal is a few tens of KiB); anything bigger is hostile.</summary>
    public const uint DefaultMaximumAssociationPduLength = 64 * 1024;

    /// <summary>Extra bytes tolerated over the announced maximum on a P-DATA-TF: some implementations apply the
    /// maximum to the PDV value instead of the PDU's variable field, overshooting by one PDV item header.</summary>
    public const uint DataTransferAllowance = 6;

    /// <param name="maximumDataTransferPduLength">The Maximum Length we announced in our A-ASSOCIATE (never 0: the
    /// reader always needs a cap).</param>
    /// <param name="maximumAssociationPduLength">Cap for every other PDU type.</param>
    public PduReaderLimits(uint maximumDataTransferPduLength, uint maximumAssociationPduLength = DefaultMaximumAssociationPduLength)
    {
        ArgumentOutOfRangeException.ThrowIfZero(maximumDataTransferPduLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumAssociationPduLength, 68u);
        MaximumDataTransferPduLength = maximumDataTransferPduLength;
        MaximumAssociationPduLength = maximumAssociationPduLength;
    }

    public uint MaximumDataTransferPduLength { get; }

    public uint MaximumAssociationPduLength { get; }

    /// <summary>The longest P-DATA-TF PDU-length field accepted.</summary>
    public long DataTransferCap => (long)MaximumDataTransferPduLength + DataTransferAllowance;
}
