using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>The requestor's side of association negotiation (PS3.7 Annex D, PS3.8 7.1): builds the A-ASSOCIATE-RQ and
/// reads the acceptor's A-ASSOCIATE-AC into the terms of the association.</summary>
public static class AssociationRequestor
{
    public static AssociateRequestPdu BuildRequest(string callingAETitle, string calledAETitle,
        IReadOnlyList<PresentationContextRequest> presentationContexts, uint ownMaximumLength, IReadOnlyList<RoleSelection>? roleSelections = null)
    {
        CheckAETitle(callingAETitle, nameof(callingAETitle));
        CheckAETitle(calledAETitle, nameof(calledAETitle));
        ArgumentNullException.ThrowIfNull(presentationContexts);
        if (presentationContexts.Count == 0) throw new ArgumentException("An association needs at least one presentation context.", nameof(presentationContexts));
        var userInformation = UserInformation.ForThisImplementation(ownMaximumLength);
        if (roleSelections is { Count: > 0 }) userInformation = userInformation with { RoleSelections = roleSelections };
        return new AssociateRequestPdu(calledAETitle, callingAETitle, presentationContexts, userInformation);
    }

    /// <summary>The accepted contexts with the transfer syntax the acceptor chose for each, and the acceptor's limits.</summary>
    /// <exception cref="DicomNetworkProtocolException">The answer accepts a context we did not propose, or with a
    /// transfer syntax we did not offer for it.</exception>
    public static NegotiatedAssociation ReadAccept(AssociateRequestPdu request, AssociateAcceptPdu accept)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(accept);
        var proposed = request.PresentationContexts.ToDictionary(p => p.Id);
        var accepted = new List<AcceptedPresentationContext>();
        foreach (var result in accept.PresentationContexts)
        {
            if (!result.IsAccepted) continue;
            if (!proposed.TryGetValue(result.Id, out var proposal))
                throw new DicomNetworkProtocolException($"A-ASSOCIATE-AC accepts presentation context {result.Id}, which was not proposed", AbortReason.InvalidPduParameterValue);
            if (!proposal.TransferSyntaxes.Contains(result.TransferSyntax, StringComparer.Ordinal))
                throw new DicomNetworkProtocolException(
                    $"A-ASSOCIATE-AC accepts presentation context {result.Id} with transfer syntax {result.TransferSyntax}, which was not proposed for it",
                    AbortReason.InvalidPduParameterValue);
            accepted.Add(new AcceptedPresentationContext(result.Id, proposal.AbstractSyntax, DicomTransferSyntax.Lookup(result.TransferSyntax))
            {
                // PS3.7 D.3.3.4: without an answer to our role proposal the default roles apply (we are SCU only);
                // a role is ours only if we proposed it and the acceptor agreed.
                RequestorIsScu = RoleGranted(request, accept, proposal.AbstractSyntax, r => r.ScuRole, defaultRole: true),
                RequestorIsScp = RoleGranted(request, accept, proposal.AbstractSyntax, r => r.ScpRole, defaultRole: false),
            });
        }
        var peer = accept.UserInformation;
        if (peer.MaximumLength is > 0 and <= PduWriter.PdvHeaderLength)
            throw new DicomNetworkProtocolException($"The acceptor's maximum length {peer.MaximumLength} leaves no room for data", AbortReason.InvalidPduParameterValue);
        return new NegotiatedAssociation
        {
            CalledAETitle = request.CalledAETitle,
            CallingAETitle = request.CallingAETitle,
            PresentationContexts = accepted,
            PeerMaximumLength = peer.MaximumLength ?? 0,
            OwnMaximumLength = request.UserInformation.MaximumLength ?? 0,
            AsynchronousOperations = peer.AsynchronousOperationsWindow ?? AsynchronousOperationsWindow.Synchronous,
            ExtendedNegotiations = peer.ExtendedNegotiations,
            PeerImplementationClassUid = peer.ImplementationClassUid,
            PeerImplementationVersionName = peer.ImplementationVersionName,
        };
    }

    private static bool RoleGranted(AssociateRequestPdu request, AssociateAcceptPdu accept, string sopClass, Func<RoleSelection, bool> role, bool defaultRole)
    {
        var proposed = request.UserInformation.RoleSelections.FirstOrDefault(r => r.SopClassUid == sopClass);
        var answered = accept.UserInformation.RoleSelections.FirstOrDefault(r => r.SopClassUid == sopClass);
        if (proposed is null || answered is null) return defaultRole;
        return role(proposed) && role(answered);
    }

    private static void CheckAETitle(string title, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title, name);
        if (title.Length > 16) throw new ArgumentException($"AE title '{title}' is longer than 16 characters.", name);
    }
}
