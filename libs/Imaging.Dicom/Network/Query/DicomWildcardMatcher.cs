namespace Imaging.Dicom.Network;

/// <summary>Wildcard matching for C-FIND keys (PS3.4 C.2.2.2.4): '*' matches any run of characters, '?' any single one.</summary>
/// <remarks>Greedy scan remembering only the last '*': each star can only push the resume point forward, so the cost
/// is at most pattern length × value length with no exponential backtracking, whatever the number of stars.</remarks>
public static class DicomWildcardMatcher
{
    public static bool ContainsWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    public static bool IsMatch(ReadOnlySpan<char> value, ReadOnlySpan<char> pattern)
    {
        var v = 0;
        var p = 0;
        var starAt = -1;
        var resumeAt = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == value[v]) && pattern[p] != '*')
            {
                v++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                // Collapse runs of stars: "a***b" behaves as "a*b".
                while (p < pattern.Length && pattern[p] == '*') p++;
                starAt = p;
                resumeAt = v;
            }
            else if (starAt >= 0)
            {
                // Let the last star swallow one more character and retry the rest of the pattern from there.
                p = starAt;
                v = ++resumeAt;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
