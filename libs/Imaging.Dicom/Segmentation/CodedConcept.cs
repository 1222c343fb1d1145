namespace Imaging.Dicom.Segmentation;

/// <summary>One item of a code sequence (PS3.3 Table 8.8-1): code value, coding scheme designator and code meaning.</summary>
public sealed record CodedConcept(string Value, string Scheme, string Meaning)
{
    public override string ToString() => $"({Value}, {Scheme}, \"{Meaning}\")";
}
