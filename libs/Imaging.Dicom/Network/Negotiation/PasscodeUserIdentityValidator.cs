using System.Security.Cryptography;
using System.Text;

namespace Imaging.Dicom.Network;

/// <summary>Checks username + passcode identities against configured credentials.</summary>
public static class PasscodeUserIdentityValidator
{
    /// <summary>A validator accepting exactly the given username/passcode pairs (ordinal, case-sensitive);
    /// every other identity type is rejected.</summary>
    public static UserIdentityValidator Create(IReadOnlyDictionary<string, string> passcodesByUsername)
    {
        ArgumentNullException.ThrowIfNull(passcodesByUsername);
        // Digests, so that comparison time depends on neither the passcode's length nor where it first differs.
        var digests = passcodesByUsername.ToDictionary(p => p.Key, p => SHA256.HashData(Encoding.UTF8.GetBytes(p.Value)), StringComparer.Ordinal);
        var unknownUser = SHA256.HashData("\0no such user\0"u8);
        return identity =>
        {
            if (identity.Type != UserIdentityType.UsernameAndPasscode) return UserIdentityVerdict.Rejected;
            var offered = SHA256.HashData(identity.SecondaryField.Span);
            var known = digests.TryGetValue(identity.Username!, out var expected);
            var match = CryptographicOperations.FixedTimeEquals(offered, expected ?? unknownUser);
            return known && match ? UserIdentityVerdict.Accepted : UserIdentityVerdict.Rejected;
        };
    }
}
