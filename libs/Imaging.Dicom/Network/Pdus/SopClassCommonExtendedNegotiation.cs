namespace Imaging.Dicom.Network;

/// <summary>SOP Class Common Extended Negotiation sub-item (PS3.7 D.3.3.6): tells the acceptor which service class a
/// (possibly new) SOP class belongs to and which general SOP classes it specializes. Request only; never answered.</summary>
public sealed record SopClassCommonExtendedNegotiation(string SopClassUid, string ServiceClassUid, IReadOnlyList<string> RelatedGeneralSopClassUids);
