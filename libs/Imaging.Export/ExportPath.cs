using System.Text;

namespace Imaging.Export;

/// <summary>Relative paths inside an export, built from de-identified values yet never trusted: each segment keeps
/// only [A-Za-z0-9.-], is capped in length, and cannot be "." or "..".</summary>
internal static class ExportPath
{
    /// <summary>Longest segment: a 2.25 UID is at most 44 characters, any UID 64.</summary>
    public const int MaximumSegmentLength = 64;

    /// <summary>"patient/study/series/sop.dcm" with '/' separators (ZIP entry names and folder paths alike).</summary>
    public static string ForInstance(string patient, string study, string series, string sop) =>
        $"{Segment(patient)}/{Segment(study)}/{Segment(series)}/{Segment(sop)}.dcm";

    /// <summary>One safe segment: other characters become '-', leading dots '-', an empty value "unnamed".</summary>
    public static string Segment(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "unnamed";
        var length = Math.Min(value.Length, MaximumSegmentLength);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var c = value[i];
            var allowed = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.';
            text.Append(allowed ? c : '-');
        }
        // A leading dot makes "." and ".." (and hidden files) possible; nothing else here can climb out.
        for (var i = 0; i < text.Length && text[i] == '.'; i++) text[i] = '-';
        return text.ToString();
    }
}
