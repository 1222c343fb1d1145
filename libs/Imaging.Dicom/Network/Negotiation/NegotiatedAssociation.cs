namespace Imaging.Dicom.Network;

/// <summary>The terms of an accepted association, as the DIMSE layer needs them.</summary>
public sealed record NegotiatedAssociation
{
    public required string CalledAETitle { get; init; }

    public required string CallingAETitle { get; init; }

    /// <summary>Only the accepted contexts.</summary>
    public required IReadOnlyList<AcceptedPresentationContext> PresentationContexts { get; init; }

    /// <summary>The requestor's Maximum Length: bounds the P-DATA-TF PDUs we send (0 = no limit).</summary>
    public required uint PeerMaximumLength { get; init; }

    /// <summary>The Maximum Length we announced: bounds the P-DATA-TF PDUs we accept.</summary>
    public required uint OwnMaximumLength { get; init; }

    /// <summary>The window as answered by the acceptor: operations it may invoke / will perform at once.</summary>
    public AsynchronousOperationsWindow AsynchronousOperations { get; init; } = AsynchronousOperationsWindow.Synchronous;

    /// <summary>The accepted user identity, if the requestor sent one and the policy checked it.</summary>
    public UserIdentityRequest? UserIdentity { get; init; }

    /// <summary>The extended negotiation replies we sent, i.e. what was agreed per SOP class.</summary>
    public IReadOnlyList<SopClassExtendedNegotiation> ExtendedNegotiations { get; init; } = [];

    /// <summary>The requestor's common extended negotiation (service class and related general SOP classes).</summary>
    public IReadOnlyList<SopClassCommonExtendedNegotiation> CommonExtendedNegotiations { get; init; } = [];

    public string? PeerImplementationClassUid { get; init; }

    public string? PeerImplementationVersionName { get; init; }

    public AcceptedPresentationContext? FindPresentationContext(byte id)
    {
        foreach (var context in PresentationContexts)
        {
            if (context.Id == id) return context;
        }
        return null;
    }

    /// <summary>The reader limits for the data transfer phase: P-DATA-TF up to what we announced.</summary>
    public PduReaderLimits CreateReaderLimits() => new(OwnMaximumLength);
}
