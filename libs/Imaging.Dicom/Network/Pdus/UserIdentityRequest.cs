using System.Text;

namespace Imaging.Dicom.Network;

/// <summary>User Identity Negotiation sub-item of an A-ASSOCIATE-RQ (PS3.7 D.3.3.7).</summary>
/// <param name="PrimaryField">Username (UTF-8), Kerberos ticket, SAML assertion or JWT, depending on <paramref name="Type"/>.</param>
/// <param name="SecondaryField">The passcode (UTF-8) for <see cref="UserIdentityType.UsernameAndPasscode"/>; empty otherwise.</param>
public sealed record UserIdentityRequest(
    UserIdentityType Type,
    bool PositiveResponseRequested,
    ReadOnlyMemory<byte> PrimaryField,
    ReadOnlyMemory<byte> SecondaryField)
{
    /// <summary>The username, for the two username types; null for token types.</summary>
    public string? Username => Type is UserIdentityType.Username or UserIdentityType.UsernameAndPasscode
        ? Encoding.UTF8.GetString(PrimaryField.Span)
        : null;

    public static UserIdentityRequest ForUsername(string username, bool positiveResponseRequested = false) =>
        new(UserIdentityType.Username, positiveResponseRequested, Encoding.UTF8.GetBytes(username), ReadOnlyMemory<byte>.Empty);

    public static UserIdentityRequest ForUsernameAndPasscode(string username, string passcode, bool positiveResponseRequested = false) =>
        new(UserIdentityType.UsernameAndPasscode, positiveResponseRequested, Encoding.UTF8.GetBytes(username), Encoding.UTF8.GetBytes(passcode));

    public static UserIdentityRequest ForToken(UserIdentityType type, ReadOnlyMemory<byte> token, bool positiveResponseRequested = false) =>
        type is UserIdentityType.Username or UserIdentityType.UsernameAndPasscode
            ? throw new ArgumentException("Use ForUsername or ForUsernameAndPasscode for username identities.", nameof(type))
            : new(type, positiveResponseRequested, token, ReadOnlyMemory<byte>.Empty);

    // Credentials must never reach a log line through the record's generated ToString.
    public override string ToString() => $"UserIdentityRequest {{ Type = {Type}, PositiveResponseRequested = {PositiveResponseRequested}, PrimaryField = {PrimaryField.Length} bytes }}";
}
