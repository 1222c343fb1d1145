using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Tests.IO;

/// <summary>What one fuzz input did; counts only, for the smoke test's statistics.</summary>
public sealed class FuzzOutcome
{
    /// <summary>Reads (file and bare dataset in each syntax) that returned a dataset.</summary>
    public int Accepted { get; set; }

    /// <summary>Reads that ended with <see cref="DicomFormatException"/>.</summary>
    public int Rejected { get; set; }

    /// <summary>Accepted datasets that were written back and read again without error.</summary>
    public int RoundTrips { get; set; }

    /// <summary>Writes refused with <see cref="InvalidOperationException"/> (pixel data that needs a codec).</summary>
    public int WriterRefused { get; set; }

    /// <summary>Datasets the writer produced that the reader then rejected. Allowed (a dataset read leniently can hold
    /// things the writer reproduces faithfully but the reader will not take twice), but counted so a rise shows.</summary>
    public int RoundTripRejected { get; set; }

    /// <summary>Round trips whose re-read dataset has a different shape (tags, sequence items) from the one written.</summary>
    public int RoundTripChanged { get; set; }

    /// <summary>The first input of each kind of shape change, for diagnosis.</summary>
    public string? FirstChange { get; set; }

    public void Add(FuzzOutcome other)
    {
        Accepted += other.Accepted;
        Rejected += other.Rejected;
        RoundTrips += other.RoundTrips;
        WriterRefused += other.WriterRefused;
        RoundTripRejected += other.RoundTripRejected;
        RoundTripChanged += other.RoundTripChanged;
        FirstChange ??= other.FirstChange;
    }

    public override string ToString() =>
        $"accepted {Accepted}, rejected {Rejected}, round trips {RoundTrips}, writer refused {WriterRefused}, round trip rejected {RoundTripRejected}, round trip changed {RoundTripChanged}";
}

/// <summary>Thrown when an input breaks a rule the reader promises (as opposed to an unexpected exception type).</summary>
public sealed class FuzzInvariantException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The fuzz target shared by the SharpFuzz harness (tests/fuzz) and the in-suite smoke test: reads bytes every
/// way the reader offers and writes whatever was accepted back. Only <see cref="DicomFormatException"/> (and, from the
/// writer, <see cref="InvalidOperationException"/>) may come out of the library; anything else escapes as a crash.</summary>
/// <remarks>Uses only the public API so the fuzz project can compile this file by link.</remarks>
public static class FuzzTarget
{
    /// <summary>Caps low enough that one input costs milliseconds, and a deflate bomb stops early.</summary>
    public static readonly DicomReaderOptions Options = new()
    {
        MaxInflatedLength = 1024 * 1024,
        MaxInMemoryValueLength = 1024 * 1024,
        MaxAttributeCount = 100_000,
    };

    private static readonly DicomReaderOptions PartialOptions = Options with { KeepPartialOnError = true };

    /// <summary>The bare-dataset syntaxes tried on every input.</summary>
    public static readonly DicomTransferSyntax[] DatasetSyntaxes =
    [
        DicomTransferSyntax.ImplicitVRLittleEndian,
        DicomTransferSyntax.ExplicitVRLittleEndian,
        DicomTransferSyntax.ExplicitVRBigEndian,
        DicomTransferSyntax.DeflatedExplicitVRLittleEndian,
    ];

    private static readonly string[] DeflatedUids = ["1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.95", "1.2.840.10008.1.2.4.205"];

    public static FuzzOutcome Run(ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        var outcome = new FuzzOutcome();
        // Offsets of an inflated dataset count inflated bytes, so only a non-deflated input bounds them by its length.
        var mayBeDeflated = MentionsDeflate(bytes);

        // 1. As a file (preamble, meta, dataset), strict.
        DicomFile? file = null;
        try
        {
            file = DicomFileReader.Read(new MemoryStream(bytes, writable: false), Options);
            outcome.Accepted++;
        }
        catch (DicomFormatException ex)
        {
            CheckOffset(ex, bytes.Length, mayBeDeflated, "Read");
            outcome.Rejected++;
        }

        // 2. As a file, keeping what was read before an error.
        try
        {
            var partial = DicomFileReader.Read(new MemoryStream(bytes, writable: false), PartialOptions);
            if (partial.IsPartial != partial.Error is not null) throw new FuzzInvariantException("IsPartial disagrees with Error");
            if (file is not null && partial.IsPartial) throw new FuzzInvariantException("A partial read of an input the strict read accepted");
            Walk(partial.Dataset, 0);
        }
        catch (DicomFormatException ex)
        {
            // Errors before the dataset (prefix, meta group) still throw in this mode; see MalformedReaderRegressionTests.
            CheckOffset(ex, bytes.Length, mayBeDeflated, "Read (partial)");
        }

        if (file is not null)
        {
            Walk(file.FileMetaInformation, 0);
            Walk(file.Dataset, 0);
            RoundTrip(file.Dataset, file.TransferSyntax, outcome);
            RoundTripFile(file, outcome);
        }

        // 3. As a bare dataset in each syntax.
        foreach (var syntax in DatasetSyntaxes)
        {
            DicomDataset dataset;
            try
            {
                dataset = DicomFileReader.ReadDataset(new MemoryStream(bytes, writable: false), syntax, Options);
                outcome.Accepted++;
            }
            catch (DicomFormatException ex)
            {
                CheckOffset(ex, bytes.Length, syntax.IsDeflated, $"ReadDataset {syntax.Name}");
                outcome.Rejected++;
                continue;
            }
            Walk(dataset, 0);
            RoundTrip(dataset, syntax, outcome);
        }
        return outcome;
    }

    private static void RoundTrip(DicomDataset dataset, DicomTransferSyntax syntax, FuzzOutcome outcome)
    {
        var output = new MemoryStream();
        try
        {
            DicomDatasetWriter.Write(output, dataset, syntax);
        }
        catch (InvalidOperationException)
        {
            outcome.WriterRefused++;
            return;
        }
        try
        {
            var again = DicomFileReader.ReadDataset(new MemoryStream(output.ToArray(), writable: false), syntax, Options);
            Walk(again, 0);
            outcome.RoundTrips++;
            NoteChange(outcome, Shape(dataset), Shape(again), syntax.Name);
        }
        catch (DicomFormatException)
        {
            outcome.RoundTripRejected++;
        }
    }

    private static void RoundTripFile(DicomFile file, FuzzOutcome outcome)
    {
        var output = new MemoryStream();
        try
        {
            DicomFileWriter.Write(output, file);
        }
        catch (InvalidOperationException)
        {
            outcome.WriterRefused++;
            return;
        }
        try
        {
            var again = DicomFileReader.Read(new MemoryStream(output.ToArray(), writable: false), Options);
            if (!again.HadPreamble) throw new FuzzInvariantException("A file the writer produced was not read as Part 10");
            Walk(again.Dataset, 0);
            outcome.RoundTrips++;
            NoteChange(outcome, Shape(file.Dataset), Shape(again.Dataset), "file " + file.TransferSyntax.Name);
        }
        catch (DicomFormatException)
        {
            outcome.RoundTripRejected++;
        }
    }

    private static void NoteChange(FuzzOutcome outcome, string before, string after, string where)
    {
        if (before == after) return;
        outcome.RoundTripChanged++;
        outcome.FirstChange ??= $"{where}: wrote {before} read {after}";
    }

    /// <summary>Tags and item counts, recursively: what a write and re-read must keep.</summary>
    public static string Shape(DicomDataset dataset)
    {
        var text = new System.Text.StringBuilder();
        Append(dataset);
        return text.ToString();

        void Append(DicomDataset d)
        {
            foreach (var a in d)
            {
                text.Append(a.Tag.ToHex());
                if (a is DicomSequence s)
                {
                    text.Append('[');
                    foreach (var item in s.Items) { text.Append('{'); Append(item); text.Append('}'); }
                    text.Append(']');
                }
                text.Append(' ');
            }
        }
    }

    /// <summary>Touches every value the way a consumer would; none of this may throw for data the reader accepted.</summary>
    private static void Walk(DicomDataset dataset, int depth)
    {
        if (depth > 64) throw new FuzzInvariantException("Dataset nested deeper than any reader cap allows");
        foreach (var attribute in dataset)
        {
            switch (attribute)
            {
                case DicomElement e:
                    var memory = e.Buffer.GetMemory();
                    if (memory.Length != e.Length) throw new FuzzInvariantException($"{e.Tag}: buffer length {memory.Length} != {e.Length}");
                    if (DicomVRInfo.IsString(e.VR)) _ = e.GetStrings(dataset.CharacterSet);
                    break;
                case DicomSequence s:
                    foreach (var item in s.Items) Walk(item, depth + 1);
                    break;
                case DicomFragmentSequence f:
                    _ = f.GetBasicOffsets();
                    foreach (var fragment in f.Fragments) _ = fragment.GetMemory();
                    break;
            }
        }
    }

    private static void CheckOffset(DicomFormatException ex, long length, bool inflated, string what)
    {
        if (ex.Offset < 0 || (!inflated && ex.Offset > length))
            throw new FuzzInvariantException($"{what}: error offset {ex.Offset} outside [0, {length}]: {ex.Message}", ex);
    }

    private static bool MentionsDeflate(byte[] bytes)
    {
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        foreach (var uid in DeflatedUids)
            if (text.Contains(uid, StringComparison.Ordinal)) return true;
        return false;
    }
}
