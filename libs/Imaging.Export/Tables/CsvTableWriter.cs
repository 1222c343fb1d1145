using System.Globalization;
using System.Text;

namespace Imaging.Export.Tables;

/// <summary>RFC 4180 CSV: a header line, CRLF line ends, fields quoted when they hold a comma, quote, CR or LF (quotes
/// doubled), numbers in the invariant culture (round-trip format for reals), UTF-8 without a byte order mark.</summary>
internal static class CsvTableWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static byte[] Write<TRow>(TableDefinition<TRow> table, IReadOnlyList<TRow> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, table.Columns.Select(c => c.Name));
        foreach (var row in rows) AppendLine(text, table.Columns.Select(c => Format(c.Value(row))));
        return Utf8.GetBytes(text.ToString());
    }

    private static void AppendLine(StringBuilder text, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) text.Append(',');
            first = false;
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0) text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else text.Append(field);
        }
        text.Append("\r\n");
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
