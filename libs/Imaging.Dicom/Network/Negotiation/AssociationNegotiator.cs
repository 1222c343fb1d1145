using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>The acceptor's side of association negotiation (PS3.7 Annex D, PS3.8 Section 7.1): turns an
/// A-ASSOCIATE-RQ into an A-ASSOCIATE-AC or -RJ under an <see cref="AssociationPolicy"/>.</summary>
/// <remarks>Checks run cheapest and most fundamental first (protocol version, application context, AE titles,
/// capacity, identity) and the first failure decides the rejection, so each outcome has one precise reason.</remarks>
public sealed class AssociationNegotiator
{
    private readonly AssociationPolicy _policy;
    private readonly HashSet<string> _calledAETitles;
    private readonly HashSet<string>? _callingAETitles;
    private readonly HashSet<string> _requestorScp;

    public AssociationNegotiator(AssociationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.CalledAETitles.Count == 0) throw new ArgumentException("The policy serves no AE title.", nameof(policy));
        if (policy.MaximumPduLength <= PduWriter.PdvHeaderLength)
            throw new ArgumentException("The maximum PDU length must leave room for PDV data (and 0, unlimited, is never announced).", nameof(policy));
        if (policy.RequireUserIdentity && policy.UserIdentityValidator is null)
            throw new ArgumentException("Requiring a user identity needs a validator.", nameof(policy));
        _policy = policy;
        _calledAETitles = new HashSet<string>(policy.CalledAETitles.Select(t => t.Trim(' ')), StringComparer.Ordinal);
        _callingAETitles = policy.AllowedCallingAETitles is { } calling
            ? new HashSet<string>(calling.Select(t => t.Trim(' ')), StringComparer.Ordinal)
            : null;
        _requestorScp = new HashSet<string>(policy.RequestorScpAbstractSyntaxes, StringComparer.Ordinal);
    }

    public AssociationNegotiationOutcome Negotiate(AssociateRequestPdu request, AssociationAdmission? admission = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        admission ??= AssociationAdmission.Open;
        var userInformation = request.UserInformation;

        if ((request.ProtocolVersion & 1) == 0)
            return Reject(AssociateRejectPdu.ProtocolVersionNotSupported, $"protocol version bits 0x{request.ProtocolVersion:X4} do not include version 1");
        if (!string.Equals(request.ApplicationContextName, DicomApplicationContext.Name, StringComparison.Ordinal))
            return Reject(AssociateRejectPdu.ApplicationContextNameNotSupported, $"application context '{request.ApplicationContextName}' is not the DICOM one");
        if (!_calledAETitles.Contains(request.CalledAETitle))
            return Reject(AssociateRejectPdu.CalledAETitleNotRecognized, $"called AE title '{request.CalledAETitle}' is not served here");
        if (_callingAETitles is not null && !_callingAETitles.Contains(request.CallingAETitle))
            return Reject(AssociateRejectPdu.CallingAETitleNotRecognized, $"calling AE title '{request.CallingAETitle}' is not allowed");
        if (!admission.CallingHostAllowed)
            return Reject(AssociateRejectPdu.CallingAETitleNotRecognized, $"calling AE title '{request.CallingAETitle}' is not allowed from this host");
        if (admission.AtAssociationLimit)
            return Reject(AssociateRejectPdu.LocalLimitExceeded, "the concurrent association limit is reached");
        // Low disk is a local limit (the configured watermark), not congestion that clears by itself within seconds.
        if (admission.StorageLow)
            return Reject(AssociateRejectPdu.LocalLimitExceeded, "free storage is below the watermark");
        if (userInformation.MaximumLength is > 0 and <= PduWriter.PdvHeaderLength)
            return Reject(AssociateRejectPdu.NoReasonGiven(), $"the requestor's maximum length {userInformation.MaximumLength} leaves no room for data");

        UserIdentityVerdict? identityVerdict = null;
        if (userInformation.UserIdentityRequest is { } identity && _policy.UserIdentityValidator is { } validator)
        {
            identityVerdict = validator(identity);
            if (!identityVerdict.IsAccepted)
                return Reject(AssociateRejectPdu.NoReasonGiven(), $"user identity ({identity.Type}) was not accepted");
        }
        else if (_policy.RequireUserIdentity)
        {
            return Reject(AssociateRejectPdu.NoReasonGiven(), "a user identity is required and none was sent");
        }

        var roleProposals = FirstPerSopClass(userInformation.RoleSelections, r => r.SopClassUid);
        var results = new List<PresentationContextResult>(request.PresentationContexts.Count);
        var accepted = new List<AcceptedPresentationContext>(request.PresentationContexts.Count);
        foreach (var proposed in request.PresentationContexts)
        {
            var (result, context) = NegotiateContext(proposed, roleProposals);
            results.Add(result);
            if (context is not null) accepted.Add(context);
        }

        var acceptedSopClasses = new HashSet<string>(accepted.Select(c => c.AbstractSyntax), StringComparer.Ordinal);
        var extendedReplies = AnswerExtendedNegotiation(userInformation, acceptedSopClasses);
        var window = AnswerAsynchronousOperations(userInformation.AsynchronousOperationsWindow);
        var identityResponse = identityVerdict is not null && userInformation.UserIdentityRequest!.PositiveResponseRequested
            ? new UserIdentityResponse(identityVerdict.ServerResponse)
            : null;

        var acceptUserInformation = UserInformation.ForThisImplementation(_policy.MaximumPduLength) with
        {
            AsynchronousOperationsWindow = window,
            RoleSelections = _policy.SupportsRoleSelection ? AnswerRoleSelections(roleProposals) : [],
            ExtendedNegotiations = extendedReplies,
            UserIdentityResponse = identityResponse,
        };
        var accept = new AssociateAcceptPdu(request.CalledAETitle, request.CallingAETitle, results, acceptUserInformation);
        var association = new NegotiatedAssociation
        {
            CalledAETitle = request.CalledAETitle,
            CallingAETitle = request.CallingAETitle,
            PresentationContexts = accepted,
            PeerMaximumLength = userInformation.MaximumLength ?? 0,
            OwnMaximumLength = _policy.MaximumPduLength,
            AsynchronousOperations = window ?? AsynchronousOperationsWindow.Synchronous,
            UserIdentity = identityVerdict is not null ? userInformation.UserIdentityRequest : null,
            ExtendedNegotiations = extendedReplies,
            CommonExtendedNegotiations = userInformation.CommonExtendedNegotiations,
            PeerImplementationClassUid = userInformation.ImplementationClassUid,
            PeerImplementationVersionName = userInformation.ImplementationVersionName,
        };
        return new AssociationAccepted(accept, association);
    }

    private static AssociationRejected Reject(AssociateRejectPdu reject, string explanation) => new(reject, explanation);

    private (PresentationContextResult Result, AcceptedPresentationContext? Context) NegotiateContext(
        PresentationContextRequest proposed, Dictionary<string, RoleSelection> roleProposals)
    {
        // Not significant unless accepted (PS3.8 9.3.3.2), but a transfer syntax sub-item is always present; echoing
        // one the requestor proposed keeps strict parsers content.
        var echoed = proposed.TransferSyntaxes.Count > 0 ? proposed.TransferSyntaxes[0] : DicomTransferSyntax.ImplicitVRLittleEndian.Uid;
        if (!_policy.AbstractSyntaxes.TryGetValue(proposed.AbstractSyntax, out var acceptable))
            return (new PresentationContextResult(proposed.Id, PresentationContextResultReason.AbstractSyntaxNotSupported, echoed), null);

        var (requestorScu, requestorScp) = (true, false);
        if (_policy.SupportsRoleSelection && roleProposals.TryGetValue(proposed.AbstractSyntax, out var roles))
            (requestorScu, requestorScp) = GrantedRoles(roles);

        // Our order decides what we receive. On a context where the requestor is the SCP (C-GET storage), we send and
        // it receives: its order decides, so that a requestor listing a compressed syntax first gets instances stored
        // in it as they are (we never transcode to or from a compressed syntax).
        var chosen = requestorScp
            ? proposed.TransferSyntaxes.FirstOrDefault(s => acceptable.Contains(s, StringComparer.Ordinal))
            : acceptable.FirstOrDefault(s => proposed.TransferSyntaxes.Contains(s, StringComparer.Ordinal));
        if (chosen is null)
            return (new PresentationContextResult(proposed.Id, PresentationContextResultReason.TransferSyntaxesNotSupported, echoed), null);

        // A context on which the requestor may play no role is useless to it: refuse it plainly.
        if (!requestorScu && !requestorScp)
            return (new PresentationContextResult(proposed.Id, PresentationContextResultReason.UserRejection, echoed), null);

        return (new PresentationContextResult(proposed.Id, PresentationContextResultReason.Acceptance, chosen),
            new AcceptedPresentationContext(proposed.Id, proposed.AbstractSyntax, DicomTransferSyntax.Lookup(chosen), requestorScu, requestorScp));
    }

    /// <summary>PS3.7 D.3.3.4: grant a proposed role with 1, refuse with 0, and never grant one that was not proposed.</summary>
    private (bool Scu, bool Scp) GrantedRoles(RoleSelection proposal)
    {
        var supported = _policy.AbstractSyntaxes.ContainsKey(proposal.SopClassUid);
        return (supported && proposal.ScuRole, supported && proposal.ScpRole && _requestorScp.Contains(proposal.SopClassUid));
    }

    private List<RoleSelection> AnswerRoleSelections(Dictionary<string, RoleSelection> proposals)
    {
        var answers = new List<RoleSelection>(proposals.Count);
        foreach (var proposal in proposals.Values)
        {
            var (scu, scp) = GrantedRoles(proposal);
            answers.Add(new RoleSelection(proposal.SopClassUid, scu, scp));
        }
        return answers;
    }

    private List<SopClassExtendedNegotiation> AnswerExtendedNegotiation(UserInformation request, HashSet<string> acceptedSopClasses)
    {
        var replies = new List<SopClassExtendedNegotiation>();
        if (_policy.ExtendedNegotiation is not { } responder) return replies;
        foreach (var item in FirstPerSopClass(request.ExtendedNegotiations, e => e.SopClassUid).Values)
        {
            if (!acceptedSopClasses.Contains(item.SopClassUid)) continue;
            if (responder(item.SopClassUid, item.ServiceClassApplicationInformation) is { } answer)
                replies.Add(new SopClassExtendedNegotiation(item.SopClassUid, answer));
        }
        return replies;
    }

    /// <summary>PS3.7 D.3.3.3: answered only when asked, and then always 1/1, which the standard lets an acceptor
    /// answer whatever was proposed.</summary>
    /// <remarks>The SCP invokes and performs one operation at a time (DicomAssociationAcceptor reads the next request
    /// only after answering the previous one), so announcing more would promise a window it does not keep. A requestor
    /// that pipelines anyway is still served, in order, because its later requests wait in the socket.</remarks>
    private static AsynchronousOperationsWindow? AnswerAsynchronousOperations(AsynchronousOperationsWindow? requested) =>
        requested is null ? null : AsynchronousOperationsWindow.Synchronous;

    /// <summary>The standard allows one item per SOP class; if a requestor sends more, the first one counts.</summary>
    private static Dictionary<string, T> FirstPerSopClass<T>(IReadOnlyList<T> items, Func<T, string> sopClass)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items) result.TryAdd(sopClass(item), item);
        return result;
    }
}
