using System.Text;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Text;

/// <summary>Decodes and encodes text values according to Specific Character Set (0008,0005).</summary>
public sealed class DicomCharacterSet
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    private DicomCharacterSet(IReadOnlyList<string> terms) => Terms = terms;

    /// <summary>The default repertoire (ISO IR 6) used when (0008,0005) is absent.</summary>
    public static DicomCharacterSet Default { get; } = new([]);

    /// <summary>The defined terms of (0008,0005) this set was built from.</summary>
    public IReadOnlyList<string> Terms { get; }

    public static DicomCharacterSet FromSpecificCharacterSet(IReadOnlyList<string> terms) =>
        terms.Count == 0 ? Default : new DicomCharacterSet(terms);

    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (Terms.Count > 0 && Terms[0].Trim() == "ISO_IR 192") return Encoding.UTF8.GetString(bytes);
        return Latin1.GetString(bytes);
    }

    public byte[] Encode(string text, DicomVR vr)
    {
        if (Terms.Count > 0 && Terms[0].Trim() == "ISO_IR 192") return Encoding.UTF8.GetBytes(text);
        return Latin1.GetBytes(text);
    }
}
