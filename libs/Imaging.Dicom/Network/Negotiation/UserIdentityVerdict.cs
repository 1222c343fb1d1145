namespace Imaging.Dicom.Network;

/// <summary>What a <see cref="UserIdentityValidator"/> decided about a user identity.</summary>
/// <param name="ServerResponse">Sent back when the requestor asked for a positive response: empty for username
/// identities, the server ticket / SAML response / JWT for token identities (PS3.7 D.3.3.7).</param>
public sealed record UserIdentityVerdict(bool IsAccepted, ReadOnlyMemory<byte> ServerResponse)
{
    public static UserIdentityVerdict Accepted { get; } = new(true, ReadOnlyMemory<byte>.Empty);

    public static UserIdentityVerdict Rejected { get; } = new(false, ReadOnlyMemory<byte>.Empty);

    public static UserIdentityVerdict AcceptedWithResponse(ReadOnlyMemory<byte> serverResponse) => new(true, serverResponse);
}
