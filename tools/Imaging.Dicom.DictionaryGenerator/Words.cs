using System.Text;

namespace Imaging.Dicom.DictionaryGenerator;

/// <summary>Turns a CamelCase keyword back into a readable attribute name.</summary>
internal static class Words
{
    /// <summary>"PatientName" → "Patient Name", "SOPClassUID" → "SOP Class UID", "XRay3DAcquisitionSequence" →
    /// "X Ray 3D Acquisition Sequence", "ReferencedSOPInstanceUIDsInFile" → "Referenced SOP Instance UIDs In File".</summary>
    /// <remarks>PS3.6 names carry punctuation ("Patient's Name", "X-Ray") that a keyword has lost, so this is an
    /// approximation; it only has to read well in diagnostics.</remarks>
    public static string Split(string keyword)
    {
        var text = new StringBuilder(keyword.Length + 8);
        for (var i = 0; i < keyword.Length; i++)
        {
            if (i > 0 && StartsWord(keyword, i)) text.Append(' ');
            text.Append(keyword[i]);
        }
        return text.ToString();
    }

    private static bool StartsWord(string s, int i)
    {
        var c = s[i];
        var previous = s[i - 1];
        var next = i + 1 < s.Length ? s[i + 1] : '\0';

        if (char.IsAsciiDigit(c)) return char.IsAsciiLetterLower(previous);
        if (!char.IsAsciiLetterUpper(c)) return false;
        if (char.IsAsciiLetterLower(previous)) return true;

        // Inside an acronym or after a number ("SOPClass", "3DAcquisition") the capital that starts a lower-case
        // run begins the next word, unless that run is just a plural 's' on the acronym ("UIDs", "ROIs").
        if (!char.IsAsciiLetterLower(next)) return false;
        var pluralAcronym = next == 's' && (i + 2 >= s.Length || !char.IsAsciiLetterLower(s[i + 2]));
        return !pluralAcronym && (char.IsAsciiLetterUpper(previous) || char.IsAsciiDigit(previous));
    }
}
