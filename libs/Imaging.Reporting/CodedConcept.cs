namespace Imaging.Reporting;

/// <summary>A coded concept (code value, coding scheme designator, code meaning) as in the PS3.3 Table 8.8-1 Code Sequence macro.</summary>
public sealed record CodedConcept
{
    public CodedConcept(string value, string scheme, string meaning)
    {
        // SH/LO limits of Code Value, Coding Scheme Designator and Code Meaning; longer values need Long/URN Code Value.
        Require(value, 16, nameof(value));
        Require(scheme, 16, nameof(scheme));
        Require(meaning, 64, nameof(meaning));
        Value = value;
        Scheme = scheme;
        Meaning = meaning;
    }

    public string Value { get; }

    public string Scheme { get; }

    public string Meaning { get; }

    public override string ToString() => $"({Value}, {Scheme}, \"{Meaning}\")";

    private static void Require(string text, int max, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text, name);
        if (text.Length > max) throw new ArgumentException($"'{text}' is longer than {max} characters.", name);
        if (text.Contains('\\')) throw new ArgumentException($"'{text}' contains a backslash, the DICOM value separator.", name);
    }
}
