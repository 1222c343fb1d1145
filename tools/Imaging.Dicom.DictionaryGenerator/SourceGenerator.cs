using System.Globalization;
using System.Text;

namespace Imaging.Dicom.DictionaryGenerator;

/// <summary>Writes the three generated C# files from the parsed inputs.</summary>
internal static class SourceGenerator
{
    public const string DictionaryFile = "DicomDictionary.Generated.cs";
    public const string TagsFile = "DicomTags.Generated.cs";
    public const string UidsFile = "DicomUids.Generated.cs";

    private const string Namespace = "Imaging.Dicom.Dictionary";
    private const char FieldSeparator = '|';

    private static readonly HashSet<string> CSharpKeywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    ];

    /// <summary>Generates all files and returns a short report for the console.</summary>
    public static IReadOnlyList<string> Run(GeneratorOptions options)
    {
        var publicDic = DicFileParser.Parse(options.DicomDic, isPrivate: false);
        var privateDic = DicFileParser.Parse(options.PrivateDic, isPrivate: true);
        var uids = UidTable.Read(options.UidTable);

        var keywords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in publicDic.Entries)
        {
            if (!keywords.Add(entry.Keyword)) throw new GeneratorException($"Keyword {entry.Keyword} names two public entries.");
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var report = new List<string>
        {
            $"{Path.GetFileName(publicDic.Path)}: {publicDic.Entries.Count} public entries " +
            $"({publicDic.Entries.Count(e => e.Mask != 0xFFFFFFFF)} repeating, {publicDic.Entries.Count(e => e.IsRetired)} retired); " +
            $"skipped DCMTK pseudo-entries: {string.Join("; ", publicDic.Skipped)}",
            $"{Path.GetFileName(privateDic.Path)}: {privateDic.Entries.Count} private entries from " +
            $"{privateDic.Entries.Select(e => e.PrivateCreator).Distinct().Count()} creators; " +
            $"skipped {privateDic.Skipped.Count} in groups 0001-0007, where PS3.5 allows no private elements",
            $"{Path.GetFileName(options.UidTable)}: {uids.Count} UIDs ({uids.Count(u => u.IsStorage)} storage SOP classes, " +
            $"{uids.Count(u => u.Type == "TransferSyntax")} transfer syntaxes)",
        };

        report.Add(Write(options.OutputDirectory, DictionaryFile, DictionarySource(publicDic, privateDic)));
        report.Add(Write(options.OutputDirectory, TagsFile, TagsSource(publicDic)));
        report.Add(Write(options.OutputDirectory, UidsFile, UidsSource(uids)));
        return report;
    }

    private static string Write(string directory, string fileName, string content)
    {
        var path = Path.Combine(directory, fileName);
        // Leaving an unchanged file untouched keeps its timestamp, so re-running does not force a rebuild.
        if (File.Exists(path) && File.ReadAllText(path, Encoding.UTF8) == content) return $"unchanged {path}";
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return $"wrote {path}";
    }

    private static string DictionarySource(DicFile publicDic, DicFile privateDic)
    {
        var w = new CodeWriter();
        WriteDcmtkHeader(w, publicDic, privateDic);
        w.Line($"namespace {Namespace};");
        w.Line();
        w.Line("public static partial class DicomDictionary");
        w.Line("{");
        w.Line($"    private const int PublicEntryCount = {publicDic.Entries.Count};");
        w.Line($"    private const int PrivateEntryCount = {privateDic.Entries.Count};");
        w.Line();
        w.Line("    // tag|mask|VRs|VM|retired (R or -)|keyword|name; see DicomDictionary.ParseEntries.");
        w.Line("    private static ReadOnlySpan<byte> PublicEntryData => \"\"\"");
        foreach (var e in publicDic.Entries)
        {
            w.Line(Join(Hex(e.Tag), Hex(e.Mask), string.Join('/', e.VRs), e.ValueMultiplicity, e.IsRetired ? "R" : "-", e.Keyword, e.Name));
        }
        w.Line("\"\"\"u8;");
        w.Line();
        w.Line("    // creator|tag|mask|VRs|VM|keyword|name; see DicomDictionary.ParseEntries.");
        w.Line("    private static ReadOnlySpan<byte> PrivateEntryData => \"\"\"");
        foreach (var e in privateDic.Entries)
        {
            w.Line(Join(e.PrivateCreator!, Hex(e.Tag), Hex(e.Mask), string.Join('/', e.VRs), e.ValueMultiplicity, e.Keyword, e.Name));
        }
        w.Line("\"\"\"u8;");
        w.Line("}");
        return w.ToString();
    }

    private static string TagsSource(DicFile publicDic)
    {
        var w = new CodeWriter();
        WriteDcmtkHeader(w, publicDic, null);
        w.Line("using Imaging.Dicom.Data;");
        w.Line();
        w.Line($"namespace {Namespace};");
        w.Line();
        w.Line("/// <summary>Every public data element tag (PS3.6) by keyword; repeating groups such as (60xx,3000) appear at their first group.</summary>");
        // Properties, not static readonly fields: a 5,000-field static initialiser costs ~130 ms of JIT on first touch.
        w.Line("public static partial class DicomTags");
        w.Line("{");
        foreach (var e in publicDic.Entries)
        {
            var notes = new List<string>();
            if (e.Mask != 0xFFFFFFFF) notes.Add($"repeating {Pattern(e.Tag, e.Mask)}");
            if (e.IsRetired) notes.Add("retired");
            var comment = notes.Count == 0 ? "" : $" // {string.Join(", ", notes)}";
            w.Line($"    public static DicomTag {Identifier(e.Keyword)} => new(0x{e.Tag >> 16:X4}, 0x{e.Tag & 0xFFFF:X4});{comment}");
        }
        w.Line("}");
        return w.ToString();
    }

    private static string UidsSource(IReadOnlyList<UidRow> uids)
    {
        var w = new CodeWriter();
        w.Line("// <auto-generated>");
        w.Line("//   Written by tools/Imaging.Dicom.DictionaryGenerator from tools/Imaging.Dicom.DictionaryGenerator/uids.tsv,");
        w.Line("//   a table kept by hand from DICOM PS3.6 Annex A. Edit the table and re-run the generator");
        w.Line("//   (tools/Imaging.Dicom.DictionaryGenerator/README.md); do not edit this file.");
        w.Line("// </auto-generated>");
        w.Line();
        w.Line("#nullable enable");
        w.Line();
        w.Line($"namespace {Namespace};");
        w.Line();
        w.Line("/// <summary>The registered DICOM UIDs (PS3.6 Annex A) by keyword; <see cref=\"DicomUid.Lookup\"/> finds one by value.</summary>");
        w.Line("public static partial class DicomUids");
        w.Line("{");
        foreach (var u in uids)
        {
            w.Line($"    public static readonly DicomUid {Identifier(u.Keyword)} = new(\"{u.Uid}\", \"{u.Keyword}\", \"{u.Name}\", " +
                   $"DicomUidType.{u.Type}, {Bool(u.IsRetired)}, {Bool(u.IsStorage)});");
        }
        w.Line();
        w.Line("    /// <summary>Every UID above, in numeric UID order.</summary>");
        w.Line("    public static IReadOnlyList<DicomUid> All { get; } =");
        w.Line("    [");
        foreach (var u in uids) w.Line($"        {Identifier(u.Keyword)},");
        w.Line("    ];");
        w.Line("}");
        return w.ToString();
    }

    private static void WriteDcmtkHeader(CodeWriter w, DicFile publicDic, DicFile? privateDic)
    {
        var files = privateDic is null ? "data dictionary dicom.dic" : "data dictionaries dicom.dic and private.dic";
        w.Line("// <auto-generated>");
        w.Line("//   Written by tools/Imaging.Dicom.DictionaryGenerator; do not edit. To change it, change the generator or");
        w.Line("//   its inputs and re-run it (tools/Imaging.Dicom.DictionaryGenerator/README.md).");
        w.Line("// </auto-generated>");
        w.Line("//");
        w.Line($"// The entries below are derived from DCMTK's {files}, as installed by Debian's");
        w.Line("// libdcmtk17 package in /usr/share/libdcmtk17/.");
        if (publicDic.SourceEdition is not null) w.Line($"// dicom.dic says: \"{publicDic.SourceEdition}\"");
        WriteNotice(w, "dicom.dic", publicDic.Notice);
        if (privateDic is not null) WriteNotice(w, "private.dic", privateDic.Notice);
        w.Line("//");
        w.Line("// The COPYRIGHT file those notices refer to licenses DCMTK on these terms:");
        w.Line("//");
        foreach (var line in OffisLicense.Lines) w.Line(line.Length == 0 ? "//" : $"//   {line}");
        w.Line();
        w.Line("#nullable enable");
        w.Line();
    }

    private static void WriteNotice(CodeWriter w, string file, IReadOnlyList<string> notice)
    {
        w.Line("//");
        w.Line($"// {file} carries this notice:");
        w.Line("//");
        foreach (var line in notice) w.Line(line.Length == 0 ? "//" : $"//   {line}");
    }

    /// <summary>"(60xx,3000)" style text for a repeating entry: a nibble whose mask bits are (almost) clear varies.</summary>
    private static string Pattern(uint tag, uint mask)
    {
        var text = new StringBuilder("(");
        for (var shift = 28; shift >= 0; shift -= 4)
        {
            if (shift == 12) text.Append(',');
            var nibbleMask = (mask >> shift) & 0xF;
            text.Append(nibbleMask == 0xF ? ((tag >> shift) & 0xF).ToString("X", CultureInfo.InvariantCulture) : "x");
        }
        text.Append(')');
        if ((mask & 0x00010000) != 0 && (mask & 0x000E0000) != 0x000E0000) text.Append((tag & 0x00010000) != 0 ? " odd groups" : " even groups");
        if ((mask & 0x1) != 0 && (mask & 0xE) != 0xE) text.Append((tag & 0x1) != 0 ? " odd elements" : " even elements");
        return text.ToString();
    }

    private static string Join(params string[] fields)
    {
        foreach (var field in fields)
        {
            // The data is a raw UTF-8 literal split on '|' and newlines; quotes could close the literal early.
            if (field.IndexOfAny([FieldSeparator, '\n', '\r', '"']) >= 0 || field.Any(c => c > 0x7E || c < 0x20))
            {
                throw new GeneratorException($"Field '{field}' contains a character the generated data cannot hold.");
            }
        }
        return string.Join(FieldSeparator, fields);
    }

    private static string Hex(uint value) => value.ToString("X8", CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Identifier(string keyword) => CSharpKeywords.Contains(keyword) ? "@" + keyword : keyword;

    /// <summary>Builds the file with '\n' line ends on every platform, so output is byte-identical everywhere.</summary>
    private sealed class CodeWriter
    {
        private readonly StringBuilder _text = new();

        public void Line(string line = "") => _text.Append(line).Append('\n');

        public override string ToString() => _text.ToString();
    }
}
