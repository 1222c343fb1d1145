namespace Imaging.Dicom.Network;

/// <summary>SCP/SCU Role Selection sub-item (PS3.7 D.3.3.4). In a request the flags say which roles the requestor
/// proposes for itself; in an accept they say which of those proposals the acceptor granted.</summary>
public sealed record RoleSelection(string SopClassUid, bool ScuRole, bool ScpRole);
