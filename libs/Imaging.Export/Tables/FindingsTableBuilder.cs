using System.Globalization;
using System.Text.Json;
using Imaging.Storage;
using Microsoft.Extensions.Logging;

namespace Imaging.Export.Tables;

/// <summary>Turns findings documents into table rows by an allow-list: only counts, measurements and short codes that
/// pass a strict shape check are copied; identifiers come from the <see cref="PseudonymMap"/>; dates become days since
/// the patient's first study in the export. Nothing else of a document (UIDs, dates, notes, tracer text) can reach a row.</summary>
internal static class FindingsTableBuilder
{
    private const int MaximumListItems = 10_000;
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };
    private static readonly HashSet<string> FractureTypes = new(StringComparer.Ordinal) { "none", "wedge", "biconcave", "crush" };
    private static readonly HashSet<string> Views = new(StringComparer.Ordinal) { "anterior", "posterior" };
    private static readonly HashSet<string> Confidences = new(StringComparer.Ordinal) { "high", "low", "medium" };
    private static readonly HashSet<string> Regions = new(FindingsTableSchemas.Regions, StringComparer.Ordinal);

    /// <summary>The analyzer whose documents describe the series' headers, not an analysis: no row.</summary>
    private const string MetadataAnalyzer = "metadata";

    public static FindingsTables Build(IReadOnlyList<ExportFindingsDocument> documents, PseudonymMap pseudonyms,
        IReadOnlyDictionary<string, DateOnly> firstStudyDates, int maximumDocumentBytes, ILogger logger)
    {
        var findings = new List<FindingsRow>();
        var vertebrae = new List<VertebraRow>();
        var lesions = new List<LesionRow>();
        foreach (var document in documents)
        {
            if (document.Analyzer == MetadataAnalyzer) continue;
            var patient = pseudonyms.Patient(document.PatientId);
            var study = pseudonyms.Uid(document.StudyInstanceUid)!;
            var series = pseudonyms.Uid(document.SeriesInstanceUid)!;
            if (document.Payload.Length > maximumDocumentBytes)
            {
                logger.LogWarning("Skipped a findings document of {Analyzer} for {Series}: {Length} characters is over the {Maximum} limit",
                    Token(document.Analyzer), series, document.Payload.Length, maximumDocumentBytes);
                continue;
            }
            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(document.Payload, JsonOptions);
            }
            catch (JsonException)
            {
                logger.LogWarning("Skipped an unreadable findings document of {Analyzer} for {Series}", Token(document.Analyzer), series);
                continue;
            }
            using (json)
            {
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object) continue;
                var comparison = Member(root, "comparison", JsonValueKind.Object);
                var regionCounts = Member(root, "regionCounts", JsonValueKind.Object);
                findings.Add(new FindingsRow(patient, study, series, Token(document.Modality), Token(document.Analyzer), Token(document.AnalyzerVersion),
                    DaysSinceFirst(document, firstStudyDates), Integer(root, "lesionCount"),
                    [.. FindingsTableSchemas.Regions.Select(region => regionCounts is { } counts ? Integer(counts, region) : null)],
                    Integer(root, "extentOfDiseaseGrade"), FlaggedLevels(root), Choice(root, "labelConfidence", Confidences),
                    comparison is { } c1 ? Integer(c1, "newCount") : null, comparison is { } c2 ? Integer(c2, "persistentCount") : null,
                    comparison is { } c3 ? Integer(c3, "resolvedCount") : null, comparison is { } c4 ? Integer(c4, "intervalDays") : null));

                if (Member(root, "vertebrae", JsonValueKind.Array) is { } levels)
                {
                    foreach (var level in levels.EnumerateArray().Take(MaximumListItems))
                    {
                        if (level.ValueKind != JsonValueKind.Object || Level(Member(level, "level", JsonValueKind.String)?.GetString()) is not { } name) continue;
                        vertebrae.Add(new VertebraRow(patient, study, series, name, Real(level, "anteriorHeightMm"), Real(level, "middleHeightMm"),
                            Real(level, "posteriorHeightMm"), Real(level, "referenceHeightMm"), Real(level, "heightLossPercent"), Integer(level, "genantGrade"),
                            Choice(level, "fractureType", FractureTypes), Boolean(level, "cement")));
                    }
                }
                if (Member(root, "lesions", JsonValueKind.Array) is { } found)
                {
                    foreach (var lesion in found.EnumerateArray().Take(MaximumListItems))
                    {
                        if (lesion.ValueKind != JsonValueKind.Object) continue;
                        var views = Member(lesion, "views", JsonValueKind.Array) is { } v
                            ? string.Join(';', v.EnumerateArray().Take(4).Where(e => e.ValueKind == JsonValueKind.String)
                                .Select(e => e.GetString()!).Where(Views.Contains).Distinct(StringComparer.Ordinal))
                            : null;
                        lesions.Add(new LesionRow(patient, study, series, LesionId(Member(lesion, "id", JsonValueKind.String)?.GetString()),
                            Choice(lesion, "region", Regions), string.IsNullOrEmpty(views) ? null : views, Integer(lesion, "x"), Integer(lesion, "y"),
                            Real(lesion, "peakRatio"), Real(lesion, "areaMm2")));
                    }
                }
            }
        }
        return new FindingsTables(findings, vertebrae, lesions);
    }

    private static int? DaysSinceFirst(ExportFindingsDocument document, IReadOnlyDictionary<string, DateOnly> firstStudyDates) =>
        ParseDa(document.StudyDate) is { } date && firstStudyDates.TryGetValue(document.PatientId, out var first)
            ? date.DayNumber - first.DayNumber
            : null;

    /// <summary>A DA value (yyyyMMdd) or null for anything else.</summary>
    internal static DateOnly? ParseDa(string? value) =>
        value is { Length: 8 } && DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static JsonElement? Member(JsonElement element, string name, JsonValueKind kind) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : null;

    private static int? Integer(JsonElement element, string name) =>
        Member(element, name, JsonValueKind.Number) is { } value && value.TryGetInt32(out var number) ? number : null;

    private static double? Real(JsonElement element, string name) =>
        Member(element, name, JsonValueKind.Number) is { } value && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;

    private static bool? Boolean(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static string? Choice(JsonElement element, string name, HashSet<string> allowed) =>
        Member(element, name, JsonValueKind.String)?.GetString() is { } text && allowed.Contains(text) ? text : null;

    private static string? FlaggedLevels(JsonElement root)
    {
        if (Member(root, "flaggedLevels", JsonValueKind.Array) is not { } levels) return null;
        return string.Join(';', levels.EnumerateArray().Take(64).Where(e => e.ValueKind == JsonValueKind.String).Select(e => Level(e.GetString()))
            .OfType<string>());
    }

    /// <summary>A vertebral level name: one to three capital letters then one or two digits (C1, T12, L5, S1).</summary>
    internal static string? Level(string? value)
    {
        if (value is null || value.Length is < 2 or > 5) return null;
        var letters = 0;
        while (letters < value.Length && value[letters] is >= 'A' and <= 'Z') letters++;
        var digits = value.Length - letters;
        return letters is >= 1 and <= 3 && digits is >= 1 and <= 2 && value.AsSpan(letters).IndexOfAnyExceptInRange('0', '9') < 0 ? value : null;
    }

    /// <summary>A lesion label of the analyzer ("L12"): letters and digits, at most 16.</summary>
    private static string? LesionId(string? value) =>
        value is { Length: > 0 and <= 16 } && value.All(char.IsAsciiLetterOrDigit) ? value : null;

    /// <summary>A short code from the index (modality, analyzer name and version): [A-Za-z0-9._-], at most 32, else null.</summary>
    internal static string? Token(string? value) =>
        value is { Length: > 0 and <= 32 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') ? value : null;
}
