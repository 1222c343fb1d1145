using System.Text;

namespace Imaging.Dicom.Text;

/// <summary>Access to the legacy code pages of System.Text.Encoding.CodePages, registered once on first use.</summary>
internal static class CodePages
{
    private static readonly Lazy<bool> Registration = new(static () =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    // The framework's default decoder fallback is "?", which is indistinguishable from a real question mark in a
    // name; U+FFFD makes undecodable bytes visible as such.
    public static readonly DecoderFallback ReplacementCharacter = new DecoderReplacementFallback("\uFFFD");

    public static readonly EncoderFallback QuestionMark = new EncoderReplacementFallback("?");

    /// <summary>The encoding for <paramref name="codePage"/>: undecodable bytes become U+FFFD; unencodable
    /// characters become '?' or, with <paramref name="strict"/>, throw.</summary>
    public static Encoding Get(int codePage, bool strict = false)
    {
        _ = Registration.Value;
        return Encoding.GetEncoding(codePage, strict ? EncoderFallback.ExceptionFallback : QuestionMark, ReplacementCharacter);
    }
}
