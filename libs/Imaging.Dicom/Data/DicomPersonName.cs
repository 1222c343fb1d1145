namespace Imaging.Dicom.Data;

/// <summary>A PN value: up to three component groups (alphabetic, ideographic, phonetic) of five components each.</summary>
public sealed record DicomPersonName(string Alphabetic, string Ideographic, string Phonetic)
{
    public static DicomPersonName Parse(string value)
    {
        var groups = value.Split('=');
        return new DicomPersonName(
            groups.Length > 0 ? groups[0] : "",
            groups.Length > 1 ? groups[1] : "",
            groups.Length > 2 ? groups[2] : "");
    }

    /// <summary>Family, given, middle, prefix and suffix of the alphabetic group (missing ones empty).</summary>
    public string[] Components => Split(Alphabetic);

    public string FamilyName => Components[0];
    public string GivenName => Components[1];
    public string MiddleName => Components[2];
    public string Prefix => Components[3];
    public string Suffix => Components[4];

    public static string[] Split(string group)
    {
        var parts = group.Split('^');
        var result = new string[5];
        for (var i = 0; i < 5; i++) result[i] = i < parts.Length ? parts[i].Trim() : "";
        return result;
    }

    /// <summary>The value as stored: groups joined with '=', trailing empty groups dropped.</summary>
    public override string ToString()
    {
        if (Phonetic.Length > 0) return $"{Alphabetic}={Ideographic}={Phonetic}";
        if (Ideographic.Length > 0) return $"{Alphabetic}={Ideographic}";
        return Alphabetic;
    }
}
