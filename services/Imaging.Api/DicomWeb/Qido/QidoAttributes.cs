using System.Collections.Frozen;
using System.Text.Json;
using Imaging.Storage.DicomWeb;

namespace Imaging.Api.DicomWeb.Qido;

/// <summary>Every attribute our index can return or match in QIDO-RS, and the default return set of each level
/// (PS3.18 tables 10.6.3-3, -4 and -5, limited to what the index holds; ReferringPhysicianName is not indexed and is
/// returned empty).</summary>
internal static class QidoAttributes
{
    private static readonly JsonEncodedText Vr = JsonEncodedText.Encode("vr");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("Value");
    private static readonly JsonEncodedText Alphabetic = JsonEncodedText.Encode("Alphabetic");
    private static readonly JsonEncodedText Ideographic = JsonEncodedText.Encode("Ideographic");
    private static readonly JsonEncodedText Phonetic = JsonEncodedText.Encode("Phonetic");

    public static readonly IReadOnlyList<QidoReturnAttribute> All =
    [
        Text("00080016", "SOPClassUID", "UI", QidoLevel.Instance, QidoAttribute.SopClassUid, r => r.Instance?.SopClassUid),
        Text("00080018", "SOPInstanceUID", "UI", QidoLevel.Instance, QidoAttribute.SopInstanceUid, r => r.Instance?.SopInstanceUid),
        Text("00080020", "StudyDate", "DA", QidoLevel.Study, QidoAttribute.StudyDate, r => r.Study.StudyDate),
        Text("00080030", "StudyTime", "TM", QidoLevel.Study, QidoAttribute.StudyTime, r => r.Study.StudyTime),
        Text("00080050", "AccessionNumber", "SH", QidoLevel.Study, QidoAttribute.AccessionNumber, r => r.Study.AccessionNumber),
        // Everything we index is on our own disk.
        Text("00080056", "InstanceAvailability", "CS", QidoLevel.Study, null, _ => "ONLINE"),
        new("00080060", "Modality", "CS", QidoLevel.Series, QidoAttribute.Modality, null, (w, r) => WriteStrings(w, "CS", r.Series is { } s ? [s.Modality] : [])),
        new("00080061", "ModalitiesInStudy", "CS", QidoLevel.Study, QidoAttribute.ModalitiesInStudy, QidoLevel.Study,
            (w, r) => WriteStrings(w, "CS", r.StudyMatch?.ModalitiesInStudy ?? [])),
        new("00080090", "ReferringPhysicianName", "PN", QidoLevel.Study, null, null, (w, _) => WritePersonName(w, null)),
        Text("00081030", "StudyDescription", "LO", QidoLevel.Study, QidoAttribute.StudyDescription, r => r.Study.StudyDescription),
        Text("0008103E", "SeriesDescription", "LO", QidoLevel.Series, QidoAttribute.SeriesDescription, r => r.Series?.SeriesDescription),
        Text("00081190", "RetrieveURL", "UR", QidoLevel.Study, null, r => r.RetrieveUrl),
        Text("00083002", "AvailableTransferSyntaxUID", "UI", QidoLevel.Instance, null, r => r.Instance?.TransferSyntaxUid),
        new("00100010", "PatientName", "PN", QidoLevel.Study, QidoAttribute.PatientName, null, (w, r) => WritePersonName(w, r.Study.PatientName)),
        Text("00100020", "PatientID", "LO", QidoLevel.Study, QidoAttribute.PatientId, r => r.Study.PatientId),
        Text("00100030", "PatientBirthDate", "DA", QidoLevel.Study, QidoAttribute.PatientBirthDate, r => r.Study.PatientBirthDate),
        Text("00100040", "PatientSex", "CS", QidoLevel.Study, QidoAttribute.PatientSex, r => r.Study.PatientSex),
        Text("00180015", "BodyPartExamined", "CS", QidoLevel.Series, QidoAttribute.BodyPartExamined, r => r.Series?.BodyPartExamined),
        Text("0020000D", "StudyInstanceUID", "UI", QidoLevel.Study, QidoAttribute.StudyInstanceUid, r => r.Study.StudyInstanceUid),
        Text("0020000E", "SeriesInstanceUID", "UI", QidoLevel.Series, QidoAttribute.SeriesInstanceUid, r => r.Series?.SeriesInstanceUid),
        Text("00200010", "StudyID", "SH", QidoLevel.Study, QidoAttribute.StudyId, r => r.Study.StudyId),
        Integer("00200011", "SeriesNumber", QidoLevel.Series, QidoAttribute.SeriesNumber, null, r => r.Series?.SeriesNumber),
        Integer("00200013", "InstanceNumber", QidoLevel.Instance, QidoAttribute.InstanceNumber, null, r => r.Instance?.InstanceNumber),
        Integer("00201206", "NumberOfStudyRelatedSeries", QidoLevel.Study, null, QidoLevel.Study, r => r.StudyMatch?.SeriesCount),
        Integer("00201208", "NumberOfStudyRelatedInstances", QidoLevel.Study, null, QidoLevel.Study, r => r.StudyMatch?.InstanceCount),
        Integer("00201209", "NumberOfSeriesRelatedInstances", QidoLevel.Series, null, QidoLevel.Series, r => r.SeriesInstanceCount),
    ];

    private static readonly FrozenDictionary<string, QidoReturnAttribute> ByKey =
        All.SelectMany(a => new[] { (a.Keyword, a), (a.Tag, a) }).ToFrozenDictionary(p => p.Item1, p => p.a, StringComparer.Ordinal);

    /// <summary>The attribute with this keyword (case-sensitive, as PS3.6 spells it) or tag (8 hex digits, any case).</summary>
    public static QidoReturnAttribute? Find(string key) =>
        ByKey.GetValueOrDefault(key) ?? (key.Length == 8 ? ByKey.GetValueOrDefault(key.ToUpperInvariant()) : null);

    private static readonly string[] StudyDefaults =
    [
        "00080020", "00080030", "00080050", "00080056", "00080061", "00080090", "00081190", "00100010", "00100020", "00100030",
        "00100040", "0020000D", "00200010", "00201206", "00201208",
    ];

    /// <summary>The patient and study attributes a lower level repeats when it is searched across studies.</summary>
    private static readonly string[] StudyKeysBelow =
        ["00080020", "00080030", "00080050", "00080090", "00100010", "00100020", "00100030", "00100040", "0020000D", "00200010"];

    private static readonly string[] SeriesDefaults = ["00080060", "0008103E", "00081190", "0020000D", "0020000E", "00200011", "00201209"];

    private static readonly string[] SeriesKeysBelow = ["00080060", "0008103E", "0020000E", "00200011"];

    private static readonly string[] InstanceDefaults = ["00080016", "00080018", "00080056", "00081190", "0020000D", "0020000E", "00200013"];

    /// <summary>The default return attributes of a search at <paramref name="level"/>, with the parent levels' keys when the
    /// search is not confined to one study (<paramref name="withinStudy"/>) or one series (<paramref name="withinSeries"/>).</summary>
    public static IEnumerable<string> Defaults(QidoLevel level, bool withinStudy, bool withinSeries) => level switch
    {
        QidoLevel.Study => StudyDefaults,
        QidoLevel.Series => withinStudy ? SeriesDefaults : SeriesDefaults.Concat(StudyKeysBelow),
        _ => InstanceDefaults
            .Concat(withinSeries ? [] : SeriesKeysBelow)
            .Concat(withinStudy ? [] : StudyKeysBelow),
    };

    private static QidoReturnAttribute Text(string tag, string keyword, string vr, QidoLevel level, QidoAttribute? match, Func<QidoRow, string?> value) =>
        new(tag, keyword, vr, level, match, null, (w, r) => WriteText(w, vr, value(r)));

    private static QidoReturnAttribute Integer(string tag, string keyword, QidoLevel level, QidoAttribute? match, QidoLevel? onlyAt, Func<QidoRow, int?> value) =>
        new(tag, keyword, "IS", level, match, onlyAt, (w, r) =>
        {
            w.WriteString(Vr, "IS");
            // PS3.18 F.2.3: IS and DS values are JSON numbers.
            if (value(r) is not { } number) return;
            w.WriteStartArray(ValueName);
            w.WriteNumberValue(number);
            w.WriteEndArray();
        });

    private static void WriteText(Utf8JsonWriter writer, string vr, string? value)
    {
        writer.WriteString(Vr, vr);
        if (string.IsNullOrEmpty(value)) return;
        writer.WriteStartArray(ValueName);
        writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string vr, IReadOnlyList<string> values)
    {
        writer.WriteString(Vr, vr);
        if (values.Count == 0) return;
        writer.WriteStartArray(ValueName);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    /// <summary>PS3.18 F.2.2: a PN value is an object with one member per component group present.</summary>
    private static void WritePersonName(Utf8JsonWriter writer, string? name)
    {
        writer.WriteString(Vr, "PN");
        if (string.IsNullOrEmpty(name)) return;
        writer.WriteStartArray(ValueName);
        writer.WriteStartObject();
        var groups = name.Split('=', 3);
        if (groups[0].Length > 0) writer.WriteString(Alphabetic, groups[0]);
        if (groups.Length > 1 && groups[1].Length > 0) writer.WriteString(Ideographic, groups[1]);
        if (groups.Length > 2 && groups[2].Length > 0) writer.WriteString(Phonetic, groups[2]);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
