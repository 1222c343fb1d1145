namespace Imaging.Gateway;

/// <summary>Checks of AE title values in settings (PS3.5 6.2).</summary>
internal static class AeTitle
{
    public static void Check(List<string> problems, string key, string? title)
    {
        // At most 16 characters of the default repertoire, no backslash or control characters, not only spaces.
        if (string.IsNullOrWhiteSpace(title)) problems.Add($"{key}: an AE title is empty or only spaces");
        else if (title.Length > 16) problems.Add($"{key}: AE title '{title}' is longer than 16 characters");
        else if (title.Any(c => c is < ' ' or > '~' or '\\')) problems.Add($"{key}: AE title '{title}' may hold only printable ASCII characters other than backslash");
    }
}
