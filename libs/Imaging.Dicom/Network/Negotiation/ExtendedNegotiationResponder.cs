namespace Imaging.Dicom.Network;

/// <summary>Answers a SOP Class Extended Negotiation request (PS3.7 D.3.3.5) for a SOP class whose presentation
/// context was accepted: the application information we agree to, or null to omit the reply, which the requestor
/// then reads as "none of the extended behaviour".</summary>
public delegate ReadOnlyMemory<byte>? ExtendedNegotiationResponder(string sopClassUid, ReadOnlyMemory<byte> requestedInformation);
