using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Tests.IO;

/// <summary>How strictly two datasets are compared.</summary>
public sealed record DatasetComparisonOptions
{
    /// <summary>Exact: tag, VR, value bytes (after even-length padding), sequences and fragments.</summary>
    public static readonly DatasetComparisonOptions Exact = new();

    /// <summary>For a copy written by us: exact except group length values, which the writer recomputes (a wrong source
    /// value is corrected, and sequence length encoding changes them).</summary>
    public static readonly DatasetComparisonOptions Rewritten = new() { IgnoreGroupLengthValues = true };

    /// <summary>For a copy that went through another transfer syntax: group lengths (gggg,0000) differ between implicit and
    /// explicit VR, and an implicit VR copy knows only the VRs our data dictionary gives it.</summary>
    public static readonly DatasetComparisonOptions Transcoded = new() { IgnoreGroupLengthValues = true, TolerateUnknownVR = true };

    /// <summary>Skip the values of group length elements (their presence is still compared).</summary>
    public bool IgnoreGroupLengthValues { get; init; }

    /// <summary>For a copy that went through implicit VR: where the VR could not be known (UN: a tag our dictionary does not
    /// know; a private tag; a choice such as OB or OW that the dictionary leaves open) compare the value bytes only; an SQ
    /// on one side and UN bytes on the other are compared by parsing the UN bytes as Implicit VR Little Endian items. Once
    /// the dictionary knows a tag its VR is compared again, with no change to the tests.</summary>
    public bool TolerateUnknownVR { get; init; }

    /// <summary>Text values equal once trailing spaces and NULs are trimmed from both (DCMTK trims such padding when it
    /// rewrites some values).</summary>
    public bool TolerateTrimmedPadding { get; init; }

    /// <summary>Leave group length elements (gggg,0000) out entirely, for copies written with or without them.</summary>
    public bool IgnoreGroupLengthElements { get; init; }

    /// <summary>Tags left out of the comparison entirely.</summary>
    public IReadOnlySet<DicomTag> Ignore { get; init; } = new HashSet<DicomTag>();
}

/// <summary>Compares datasets attribute by attribute and lists every difference with its path.</summary>
public static class DatasetComparison
{
    public static IReadOnlyList<string> Compare(DicomDataset expected, DicomDataset actual, DatasetComparisonOptions? options = null)
    {
        var differences = new List<string>();
        CompareDatasets(expected, actual, options ?? DatasetComparisonOptions.Exact, "", differences);
        return differences;
    }

    /// <summary>Fails with the first differences listed when the datasets differ.</summary>
    public static void AssertEquivalent(DicomDataset expected, DicomDataset actual, DatasetComparisonOptions? options = null, string? context = null)
    {
        var differences = Compare(expected, actual, options);
        if (differences.Count == 0) return;
        var message = new StringBuilder();
        if (context is not null) message.Append(context).Append(": ");
        message.Append(differences.Count).Append(" difference(s):");
        foreach (var d in differences.Take(25)) message.Append('\n').Append("  ").Append(d);
        Assert.Fail(message.ToString());
    }

    private static void CompareDatasets(DicomDataset expected, DicomDataset actual, DatasetComparisonOptions options, string path, List<string> differences)
    {
        bool Kept(DicomAttribute x) => !options.Ignore.Contains(x.Tag) && !(options.IgnoreGroupLengthElements && x.Tag.IsGroupLength);
        var e = expected.Where(Kept).ToList();
        var a = actual.Where(Kept).ToList();
        int i = 0, j = 0;
        while (i < e.Count || j < a.Count)
        {
            if (j >= a.Count || (i < e.Count && e[i].Tag < a[j].Tag))
            {
                differences.Add($"{path}{e[i].Tag} missing (expected {Describe(e[i])})");
                i++;
            }
            else if (i >= e.Count || a[j].Tag < e[i].Tag)
            {
                differences.Add($"{path}{a[j].Tag} unexpected ({Describe(a[j])})");
                j++;
            }
            else
            {
                CompareAttributes(e[i], a[j], options, path + e[i].Tag, differences);
                i++;
                j++;
            }
        }
    }

    private static void CompareAttributes(DicomAttribute expected, DicomAttribute actual, DatasetComparisonOptions options, string path, List<string> differences)
    {
        var unknownVR = options.TolerateUnknownVR && VRMayDifferThroughImplicitVR(expected.Tag, expected.VR, actual.VR);
        switch (expected, actual)
        {
            case (DicomElement e, DicomElement a):
                if (e.VR != a.VR && !unknownVR)
                    differences.Add($"{path} VR {DicomVRInfo.Code(e.VR)} became {DicomVRInfo.Code(a.VR)}");
                if (options.IgnoreGroupLengthValues && e.Tag.IsGroupLength) return;
                if (options.TolerateTrimmedPadding && (DicomVRInfo.IsString(e.VR) || DicomVRInfo.IsString(a.VR)))
                {
                    CompareBytes(e.Buffer.GetMemory().Span.TrimEnd(" \0"u8), a.Buffer.GetMemory().Span.TrimEnd(" \0"u8), path, differences);
                    return;
                }
                CompareBytes(e.Buffer.GetMemory().Span, a.Buffer.GetMemory().Span, path, differences);
                return;
            case (DicomSequence e, DicomSequence a):
                if (e.VR != a.VR && !unknownVR)
                    differences.Add($"{path} VR {DicomVRInfo.Code(e.VR)} became {DicomVRInfo.Code(a.VR)}");
                CompareItems(e.Items, a.Items, options, path, differences);
                return;
            case (DicomSequence e, DicomElement { VR: DicomVR.UN } a) when options.TolerateUnknownVR:
                CompareItems(e.Items, ParseImplicitItems(a), options, path, differences);
                return;
            case (DicomElement { VR: DicomVR.UN } e, DicomSequence a) when options.TolerateUnknownVR:
                CompareItems(ParseImplicitItems(e), a.Items, options, path, differences);
                return;
            case (DicomFragmentSequence e, DicomFragmentSequence a):
                if (e.VR != a.VR) differences.Add($"{path} VR {DicomVRInfo.Code(e.VR)} became {DicomVRInfo.Code(a.VR)}");
                CompareBytes(e.OffsetTable.GetMemory().Span, a.OffsetTable.GetMemory().Span, path + " offset table", differences);
                if (e.Fragments.Count != a.Fragments.Count)
                {
                    differences.Add($"{path} has {a.Fragments.Count} fragments, expected {e.Fragments.Count}");
                    return;
                }
                for (var k = 0; k < e.Fragments.Count; k++)
                    CompareBytes(e.Fragments[k].GetMemory().Span, a.Fragments[k].GetMemory().Span, $"{path} fragment {k}", differences);
                return;
            default:
                differences.Add($"{path} was {Describe(expected)}, is {Describe(actual)}");
                return;
        }
    }

    /// <summary>What an implicit VR copy cannot know: a tag the dictionary lacks reads as UN; where the dictionary allows
    /// several VRs (US or SS, OB or OW) the reader picks one; private tags get whatever a private dictionary says.</summary>
    private static bool VRMayDifferThroughImplicitVR(DicomTag tag, DicomVR expected, DicomVR actual)
    {
        if (expected == DicomVR.UN || actual == DicomVR.UN || tag.IsPrivate) return true;
        var allowed = global::Imaging.Dicom.Dictionary.DicomDictionary.Find(tag)?.VRs;
        return allowed is not null && allowed.Contains(expected) && allowed.Contains(actual);
    }

    private static void CompareItems(IReadOnlyList<DicomDataset> expected, IReadOnlyList<DicomDataset> actual, DatasetComparisonOptions options, string path, List<string> differences)
    {
        if (expected.Count != actual.Count)
        {
            differences.Add($"{path} has {actual.Count} items, expected {expected.Count}");
            return;
        }
        for (var k = 0; k < expected.Count; k++) CompareDatasets(expected[k], actual[k], options, $"{path}[{k}].", differences);
    }

    /// <summary>Values are padded to even length on write; an odd source value equals its padded copy.</summary>
    private static void CompareBytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string path, List<string> differences)
    {
        if (expected.SequenceEqual(actual)) return;
        if (IsPaddedCopy(expected, actual) || IsPaddedCopy(actual, expected)) return;
        var first = 0;
        while (first < expected.Length && first < actual.Length && expected[first] == actual[first]) first++;
        differences.Add($"{path} value differs: length {expected.Length} vs {actual.Length}, first difference at byte {first} " +
                        $"({Hex(expected, first)} vs {Hex(actual, first)})");
    }

    private static bool IsPaddedCopy(ReadOnlySpan<byte> odd, ReadOnlySpan<byte> padded) =>
        (odd.Length & 1) == 1 && padded.Length == odd.Length + 1 && padded[..odd.Length].SequenceEqual(odd) && padded[^1] is 0 or (byte)' ';

    private static string Hex(ReadOnlySpan<byte> bytes, int from)
    {
        if (from >= bytes.Length) return "end";
        return Convert.ToHexString(bytes.Slice(from, Math.Min(8, bytes.Length - from)));
    }

    /// <summary>The items held by a UN value that is really a sequence read from an implicit VR file.</summary>
    public static IReadOnlyList<DicomDataset> ParseImplicitItems(DicomElement un)
    {
        // Wrap the item bytes in an undefined-length element of the same tag: an implicit VR reader that does not know
        // the tag parses undefined length as a sequence.
        var value = un.Buffer.GetMemory();
        var bytes = new byte[8 + value.Length + 8];
        BitConverter.TryWriteBytes(bytes.AsSpan(0), un.Tag.Group);
        BitConverter.TryWriteBytes(bytes.AsSpan(2), un.Tag.Element);
        BitConverter.TryWriteBytes(bytes.AsSpan(4), uint.MaxValue);
        value.Span.CopyTo(bytes.AsSpan(8));
        BitConverter.TryWriteBytes(bytes.AsSpan(8 + value.Length), DicomTag.SequenceDelimitationItem.Group);
        BitConverter.TryWriteBytes(bytes.AsSpan(10 + value.Length), DicomTag.SequenceDelimitationItem.Element);
        try
        {
            var dataset = DicomFileReader.ReadDataset(new MemoryStream(bytes), DicomTransferSyntax.ImplicitVRLittleEndian);
            return dataset.GetSequence(un.Tag)?.Items ?? [];
        }
        catch (DicomFormatException)
        {
            return [];
        }
    }

    public static string Describe(DicomAttribute a) => a switch
    {
        DicomElement e => $"{DicomVRInfo.Code(e.VR)} element of {e.Length} bytes",
        DicomSequence s => $"{DicomVRInfo.Code(s.VR)} sequence of {s.Items.Count} items",
        DicomFragmentSequence f => $"{DicomVRInfo.Code(f.VR)} encapsulated data of {f.Fragments.Count} fragments",
        _ => a.GetType().Name,
    };

    /// <summary>Every attribute in the dataset and its items, depth first.</summary>
    public static IEnumerable<DicomAttribute> Flatten(DicomDataset dataset)
    {
        foreach (var a in dataset)
        {
            yield return a;
            if (a is DicomSequence s)
                foreach (var item in s.Items)
                    foreach (var inner in Flatten(item))
                        yield return inner;
        }
    }
}
