namespace Imaging.Dicom.Network;

/// <summary>The kind of credential in a User Identity Negotiation request (PS3.7 D.3.3.7).</summary>
public enum UserIdentityType : byte
{
    Username = 1,
    UsernameAndPasscode = 2,
    KerberosServiceTicket = 3,
    SamlAssertion = 4,
    JsonWebToken = 5,
}
