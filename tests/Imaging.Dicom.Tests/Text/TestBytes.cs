using System.Globalization;

namespace Imaging.Dicom.Tests.Text;

/// <summary>Byte strings written the way the standard prints them, so examples can be compared with the text.</summary>
internal static class TestBytes
{
    /// <summary>"13/04 12/15 ..." (column/row notation of PS3.5 Annexes H and I).</summary>
    public static byte[] FromColumnRow(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(cr => cr.Split('/'))
            .Select(p => (byte)(int.Parse(p[0], CultureInfo.InvariantCulture) << 4 | int.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToArray();

    /// <summary>"0x5A 0x68 ..." or "5a 68 ..." (hexadecimal notation of PS3.5 Annexes J and K).</summary>
    public static byte[] FromHex(string text) =>
        text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(h => byte.Parse(h.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? h[2..] : h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .ToArray();

    /// <summary>Concatenates ASCII text and raw byte runs, e.g. <c>Concat("1.", Esc("$)A"), [0xB5, 0xDA])</c>.</summary>
    public static byte[] Concat(params object[] parts) =>
        parts.SelectMany(p => p switch
        {
            string s => s.Select(c => c <= 0x7F ? (byte)c : throw new ArgumentException($"'{c}' is not ASCII.")),
            byte[] b => b,
            _ => throw new ArgumentException($"Unsupported part {p.GetType()}."),
        }).ToArray();

    public static byte[] B(params byte[] bytes) => bytes;

    public static byte[] Esc(string sequence) => Concat([new byte[] { 0x1B }, sequence]);

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
