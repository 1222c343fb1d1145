using Imaging.Dicom.Data;

namespace Imaging.Analysis.Metadata;

/// <summary>Tolerant typed reads from one dataset (or sequence item): empty values read as absent, and a value that does
/// not parse becomes a <see cref="SeriesProblemCodes.BadValue"/> problem instead of failing the whole instance.</summary>
internal sealed class HeaderReader(DicomDataset dataset, string instance, List<SeriesProblem> problems)
{
    public DicomDataset Dataset => dataset;

    /// <summary>A reader over the first item of a sequence, or null when the sequence is absent or empty.</summary>
    public HeaderReader? FirstItem(DicomTag sequence) =>
        dataset.GetSequence(sequence) is { Items.Count: > 0 } sq ? new HeaderReader(sq.Items[0], instance, problems) : null;

    /// <summary>Readers over every item of a sequence (none when it is absent).</summary>
    public IEnumerable<HeaderReader> Items(DicomTag sequence)
    {
        if (dataset.GetSequence(sequence) is not { } sq) yield break;
        foreach (var item in sq.Items) yield return new HeaderReader(item, instance, problems);
    }

    /// <summary>The first value as text; null when absent or empty.</summary>
    public string? Text(DicomTag tag) => Guard<string?>(tag, () => dataset.GetSingleString(tag) is { Length: > 0 } s ? s : null);

    /// <summary>Every value as text; null when absent or empty.</summary>
    public IReadOnlyList<string>? Texts(DicomTag tag) => Guard<IReadOnlyList<string>?>(tag, () => dataset.GetStrings(tag) is { Length: > 0 } v ? v : null);

    public long? Long(DicomTag tag, int index = 0) => Guard(tag, () => dataset.GetInteger(tag, index));

    public int? Int(DicomTag tag, int index = 0) => Long(tag, index) is { } v && v is >= int.MinValue and <= int.MaxValue ? (int)v : null;

    public double? Double(DicomTag tag, int index = 0) => Guard(tag, () => dataset.GetDecimal(tag, index) is { } d && double.IsFinite(d) ? d : (double?)null);

    /// <summary>All values of a numeric element; null when absent, empty, or any value is missing or malformed.</summary>
    public IReadOnlyList<double>? Doubles(DicomTag tag, int? expectedCount = null)
    {
        if (dataset.GetElement(tag) is not { IsEmpty: false } element) return null;
        var count = Guard(tag, () => element.GetValueMultiplicity(dataset.CharacterSet));
        if (expectedCount is { } n && count != n)
        {
            if (count > 0) problems.Add(new SeriesProblem(instance, SeriesProblemCodes.BadValue, $"{tag} has {count} values where {n} are expected."));
            return null;
        }
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (Double(tag, i) is not { } v) return null;
            values[i] = v;
        }
        return values;
    }

    /// <summary>All values of an integer element (US, IS, ...); null when absent or empty.</summary>
    public IReadOnlyList<int>? Ints(DicomTag tag)
    {
        if (dataset.GetElement(tag) is not { IsEmpty: false } element) return null;
        var count = Guard(tag, () => element.GetValueMultiplicity(dataset.CharacterSet));
        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (Int(tag, i) is not { } v) return null;
            values[i] = v;
        }
        return values;
    }

    public DateOnly? Date(DicomTag tag) => Guard(tag, () => dataset.GetDate(tag));

    public TimeOnly? Time(DicomTag tag) => Guard(tag, () => dataset.GetTime(tag));

    public DateTimeOffset? DateTime(DicomTag tag) => Guard(tag, () => dataset.GetDateTime(tag));

    /// <summary>Code Meaning (0008,0104) of the first item of a code sequence.</summary>
    public string? CodeMeaning(DicomTag codeSequence) => FirstItem(codeSequence)?.Text(Imaging.Dicom.Dictionary.DicomTags.CodeMeaning);

    private T Guard<T>(DicomTag tag, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DicomValueException ex)
        {
            problems.Add(new SeriesProblem(instance, SeriesProblemCodes.BadValue, ex.Message));
            return default!;
        }
    }
}
