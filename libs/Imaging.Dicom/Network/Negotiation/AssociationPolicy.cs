namespace Imaging.Dicom.Network;

/// <summary>What an SCP accepts when negotiating associations (PS3.7 Annex D).</summary>
public sealed record AssociationPolicy
{
    /// <summary>Our AE titles: requests calling any other are rejected (called AE title not recognized).</summary>
    public required IReadOnlyCollection<string> CalledAETitles { get; init; }

    /// <summary>Peers allowed to call; null admits any calling AE title.</summary>
    public IReadOnlyCollection<string>? AllowedCallingAETitles { get; init; }

    /// <summary>Supported abstract syntaxes (SOP classes), each with the transfer syntax UIDs we accept for it, most
    /// preferred first: of those the requestor proposes, the first in this order is chosen.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> AbstractSyntaxes { get; init; }

    /// <summary>The Maximum Length we announce: the longest P-DATA-TF we accept (never 0, so a reader cap always exists).</summary>
    public uint MaximumPduLength { get; init; } = 64 * 1024;

    /// <summary>Whether SCP/SCU Role Selection items are answered; when false they are ignored and the default roles apply.</summary>
    public bool SupportsRoleSelection { get; init; } = true;

    /// <summary>Abstract syntaxes for which the requestor may take the SCP role (we act as SCU), e.g. storage SOP
    /// classes received through C-GET.</summary>
    public IReadOnlyCollection<string> RequestorScpAbstractSyntaxes { get; init; } = [];

    /// <summary>Checks user identities; null ignores them (the standard's behaviour for an acceptor without support).</summary>
    public UserIdentityValidator? UserIdentityValidator { get; init; }

    /// <summary>Reject requests that carry no user identity (needs <see cref="UserIdentityValidator"/>).</summary>
    public bool RequireUserIdentity { get; init; }

    /// <summary>Answers SOP Class Extended Negotiation; null omits every reply (no extended behaviour supported).</summary>
    public ExtendedNegotiationResponder? ExtendedNegotiation { get; init; }
}
