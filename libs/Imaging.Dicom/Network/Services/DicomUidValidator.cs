namespace Imaging.Dicom.Network;

/// <summary>Checks that a UID is safe to use as storage input: digits and dots only, at most 64 characters (PS3.5 9.1).</summary>
public static class DicomUidValidator
{
    public const int MaximumLength = 64;

    public static bool IsValid(string? uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > MaximumLength) return false;
        if (uid[0] == '.' || uid[^1] == '.') return false;
        var previousWasDot = false;
        foreach (var c in uid)
        {
            if (c == '.')
            {
                if (previousWasDot) return false;
                previousWasDot = true;
            }
            else if (c is >= '0' and <= '9')
            {
                previousWasDot = false;
            }
            else
            {
                return false;
            }
        }
        return true;
    }
}
