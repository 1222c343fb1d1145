namespace Imaging.Dicom.Network;

/// <summary>SOP Class Extended Negotiation sub-item (PS3.7 D.3.3.5): service-class-specific bytes for one SOP class,
/// e.g. relational queries for C-FIND or the storage level for C-STORE.</summary>
public sealed record SopClassExtendedNegotiation(string SopClassUid, ReadOnlyMemory<byte> ServiceClassApplicationInformation);
