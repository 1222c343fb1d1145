namespace Imaging.Dicom.Network;

/// <summary>User Identity Negotiation sub-item of an A-ASSOCIATE-AC (PS3.7 D.3.3.7): sent only when the request asked
/// for a positive response and the identity was accepted.</summary>
/// <param name="ServerResponse">Empty for username identities; the Kerberos server ticket, SAML response or JWT otherwise.</param>
public sealed record UserIdentityResponse(ReadOnlyMemory<byte> ServerResponse)
{
    public static UserIdentityResponse Empty { get; } = new(ReadOnlyMemory<byte>.Empty);

    public override string ToString() => $"UserIdentityResponse {{ ServerResponse = {ServerResponse.Length} bytes }}";
}
