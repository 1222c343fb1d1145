using System.Text;

namespace Imaging.Storage;

/// <summary>Turns a DICOM PN matching value (PS3.4 C.2.2.2.4: <c>*</c> any run, <c>?</c> one character, everything else
/// literal) into each dialect's pattern syntax, with that dialect's own special characters made literal.</summary>
internal static class PersonNamePattern
{
    /// <summary>SQLite GLOB: <c>*</c> and <c>?</c> are GLOB's own; <c>[</c> is its only other special character.</summary>
    public static string ToGlob(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var glob = new StringBuilder(pattern.Length + 8);
        foreach (var c in pattern)
        {
            if (c == '[') glob.Append("[[]");
            else glob.Append(c);
        }
        return glob.ToString();
    }

    /// <summary>PostgreSQL LIKE with <c>\</c> as the escape character.</summary>
    public static string ToLike(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var like = new StringBuilder(pattern.Length + 8);
        foreach (var c in pattern)
        {
            switch (c)
            {
                case '*': like.Append('%'); break;
                case '?': like.Append('_'); break;
                case '%' or '_' or '\\': like.Append('\\').Append(c); break;
                default: like.Append(c); break;
            }
        }
        return like.ToString();
    }

    /// <summary>The words of a fuzzy name match, wildcards dropped (fuzzy matching is by word start already).</summary>
    public static IReadOnlyList<string> FuzzyWords(string text) =>
        [.. PatientSearch.Words(text.Replace('*', ' ').Replace('?', ' '))];
}
