using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.IO;

/// <summary>What a bounded read produced: a value or the exception, the bytes it allocated and the time it took.</summary>
public sealed record MalformedReadResult<T>(T? Value, Exception? Error, long AllocatedBytes, TimeSpan Elapsed) where T : class
{
    /// <summary>The value; fails the test (showing the exception) if the read threw.</summary>
    public T Succeeded(string what) => Value ?? throw new Xunit.Sdk.XunitException($"{what}: expected a successful read, got {Error}");

    /// <summary>The format error; fails the test if the read succeeded or threw anything else.</summary>
    public DicomFormatException FormatError(string what) => Error switch
    {
        DicomFormatException e => e,
        null => throw new Xunit.Sdk.XunitException($"{what}: expected a DicomFormatException, the read succeeded"),
        _ => throw new Xunit.Sdk.XunitException($"{what}: expected a DicomFormatException, got {Error}"),
    };
}

/// <summary>Runs a read on a thread-pool thread with a deadline and measures what it allocated.</summary>
/// <remarks>A read that misses the deadline fails the test (its thread cannot be stopped, but the test does not wait for
/// it). Allocation is counted on the reading thread with <see cref="GC.GetAllocatedBytesForCurrentThread"/>: the reader is
/// synchronous, so that is all of it.</remarks>
public static class MalformedRead
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task<MalformedReadResult<T>> RunAsync<T>(Func<T> read, string what, TimeSpan? timeout = null) where T : class
    {
        var limit = timeout ?? DefaultTimeout;
        var task = Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var value = read();
                return new MalformedReadResult<T>(value, null, GC.GetAllocatedBytesForCurrentThread() - before, clock.Elapsed);
            }
            catch (Exception ex)
            {
                return new MalformedReadResult<T>(null, ex, GC.GetAllocatedBytesForCurrentThread() - before, clock.Elapsed);
            }
        });
        try
        {
            return await task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{what}: the read did not finish within {limit.TotalSeconds} s (hang?)");
        }
    }

    /// <summary>Reads a Part 10 file from bytes via the chosen kind of source.</summary>
    public static Task<MalformedReadResult<DicomFile>> FileAsync(byte[] bytes, MalformedSource source, DicomReaderOptions? options = null,
        string what = "read", TempFolder? folder = null, TimeSpan? timeout = null)
    {
        string? path = null;
        if (source == MalformedSource.Path)
        {
            if (folder is null) throw new ArgumentException("A path read needs a temp folder.", nameof(folder));
            path = folder.File($"{Guid.NewGuid():N}.dcm");
            File.WriteAllBytes(path, bytes);
        }
        return RunAsync(() => source switch
        {
            MalformedSource.Seekable => DicomFileReader.Read(new MemoryStream(bytes, writable: false), options),
            MalformedSource.NonSeekable => DicomFileReader.Read(new NonSeekableStream(new MemoryStream(bytes, writable: false)), options),
            _ => DicomFileReader.Read(path!, options),
        }, what, timeout);
    }

    /// <summary>Reads a Part 10 file from disk (values over the threshold stay there, deferred).</summary>
    public static Task<MalformedReadResult<DicomFile>> PathAsync(string path, DicomReaderOptions? options = null, string what = "read", TimeSpan? timeout = null) =>
        RunAsync(() => DicomFileReader.Read(path, options), what, timeout);

    /// <summary>Reads a bare dataset from bytes.</summary>
    public static Task<MalformedReadResult<DicomDataset>> DatasetAsync(byte[] bytes, DicomTransferSyntax syntax, bool seekable = true,
        DicomReaderOptions? options = null, string what = "read dataset", TimeSpan? timeout = null) =>
        RunAsync(() => DicomFileReader.ReadDataset(seekable ? new MemoryStream(bytes, writable: false) : new NonSeekableStream(new MemoryStream(bytes, writable: false)), syntax, options), what, timeout);
}

/// <summary>Where a test's bytes are read from: the three input paths of the reader behave differently (lengths known or
/// not, values deferred to disk or not).</summary>
public enum MalformedSource
{
    Seekable,
    NonSeekable,
    Path,
}

/// <summary>A read-only stream that hides its length and position, like a network stream or a pipe.</summary>
public sealed class NonSeekableStream(Stream inner) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => inner.Read(buffer);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Hand-built element bytes for inputs no writer would produce.</summary>
public static class MalformedBytes
{
    public const uint Undefined = 0xFFFFFFFF;

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Repeat(byte[] part, int count)
    {
        var result = new byte[part.Length * count];
        for (var i = 0; i < count; i++) part.CopyTo(result, i * part.Length);
        return result;
    }

    /// <summary>An explicit VR header, with a 2- or 4-byte length as the VR requires (or as <paramref name="longForm"/> forces).</summary>
    public static byte[] ExplicitHeader(ushort group, ushort element, string vr, uint length, bool bigEndian = false, bool? longForm = null)
    {
        var isLong = longForm ?? DicomVRInfo.HasLongLength(DicomVRInfo.Parse(vr));
        var h = new byte[isLong ? 12 : 8];
        WriteTag(h, group, element, bigEndian);
        h[4] = (byte)vr[0];
        h[5] = (byte)vr[1];
        if (isLong) WriteU32(h.AsSpan(8), length, bigEndian);
        else if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(6), (ushort)length);
        else BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(6), (ushort)length);
        return h;
    }

    public static byte[] Explicit(ushort group, ushort element, string vr, byte[] value, bool bigEndian = false) =>
        Concat(ExplicitHeader(group, element, vr, (uint)value.Length, bigEndian), value);

    public static byte[] Explicit(ushort group, ushort element, string vr, string value, bool bigEndian = false) =>
        Explicit(group, element, vr, Encoding.ASCII.GetBytes(value), bigEndian);

    /// <summary>Tag and 4-byte length: an implicit VR header, or an item / delimiter in any syntax.</summary>
    public static byte[] TagAndLength(ushort group, ushort element, uint length, bool bigEndian = false)
    {
        var h = new byte[8];
        WriteTag(h, group, element, bigEndian);
        WriteU32(h.AsSpan(4), length, bigEndian);
        return h;
    }

    public static byte[] Implicit(ushort group, ushort element, byte[] value) => Concat(TagAndLength(group, element, (uint)value.Length), value);

    public static byte[] Implicit(ushort group, ushort element, string value) => Implicit(group, element, Encoding.ASCII.GetBytes(value));

    public static byte[] Item(uint length, bool bigEndian = false) => TagAndLength(0xFFFE, 0xE000, length, bigEndian);

    public static byte[] ItemDelimiter(bool bigEndian = false) => TagAndLength(0xFFFE, 0xE00D, 0, bigEndian);

    public static byte[] SequenceDelimiter(bool bigEndian = false) => TagAndLength(0xFFFE, 0xE0DD, 0, bigEndian);

    /// <summary>128 zero bytes and "DICM".</summary>
    public static byte[] Preamble()
    {
        var p = new byte[132];
        "DICM"u8.CopyTo(p.AsSpan(128));
        return p;
    }

    /// <summary>Preamble, a well-formed meta group naming <paramref name="syntax"/>, then <paramref name="body"/> (deflated
    /// first when the syntax says so).</summary>
    public static byte[] Part10(DicomTransferSyntax syntax, byte[] body)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.1");
        var meta = DicomFileWriter.BuildMeta(new DicomFile(new DicomDataset(), dataset, syntax), syntax);
        var output = new MemoryStream();
        output.Write(Preamble());
        DicomDatasetWriter.Write(output, meta, DicomTransferSyntax.ExplicitVRLittleEndian);
        output.Write(syntax.IsDeflated ? Deflate(body) : body);
        return output.ToArray();
    }

    public static byte[] Deflate(byte[] data)
    {
        var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(data);
        return output.ToArray();
    }

    public static byte[] Inflate(ReadOnlySpan<byte> data)
    {
        using var inflate = new DeflateStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress);
        var output = new MemoryStream();
        inflate.CopyTo(output);
        return output.ToArray();
    }

    private static void WriteTag(Span<byte> h, ushort group, ushort element, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(h, group);
            BinaryPrimitives.WriteUInt16BigEndian(h[2..], element);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(h, group);
            BinaryPrimitives.WriteUInt16LittleEndian(h[2..], element);
        }
    }

    private static void WriteU32(Span<byte> s, uint value, bool bigEndian)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(s, value);
        else BinaryPrimitives.WriteUInt32LittleEndian(s, value);
    }
}

/// <summary>The small, valid file every truncation test starts from, written by this toolkit's own writer.</summary>
public static class MalformedSamples
{
    /// <summary>Syntaxes the sample is written in, by a short name usable in test case names.</summary>
    public static readonly IReadOnlyDictionary<string, DicomTransferSyntax> Syntaxes = new Dictionary<string, DicomTransferSyntax>
    {
        ["ImplicitLE"] = DicomTransferSyntax.ImplicitVRLittleEndian,
        ["ExplicitLE"] = DicomTransferSyntax.ExplicitVRLittleEndian,
        ["ExplicitBE"] = DicomTransferSyntax.ExplicitVRBigEndian,
        ["Deflated"] = DicomTransferSyntax.DeflatedExplicitVRLittleEndian,
        // Encapsulated pixel data exists only in encapsulated syntaxes (the writer refuses it elsewhere, rightly).
        ["RleEncapsulated"] = DicomTransferSyntax.RleLossless,
    };

    public static readonly DicomTag ReferencedImageSequence = new(0x0008, 0x1140);
    public static readonly DicomTag ContentSequence = new(0x0040, 0xA730);
    public static readonly DicomTag PatientName = new(0x0010, 0x0010);
    public static readonly DicomTag StudyInstanceUid = new(0x0020, 0x000D);

    /// <summary>Meta-worthy identifiers, strings, a private block, US values, a sequence of undefined length holding an
    /// undefined-length item (with a nested defined-length sequence) and a defined-length item, then pixel data:
    /// native OW, or (for encapsulated syntaxes) an offset table and two fragments.</summary>
    public static DicomDataset Dataset(bool encapsulated)
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        ds.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.1");

        var sequence = new DicomSequence(ReferencedImageSequence) { UndefinedLength = true };
        var first = new DicomDataset { UndefinedLength = true };
        first.SetString(new DicomTag(0x0008, 0x1150), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        first.SetString(new DicomTag(0x0008, 0x1155), DicomVR.UI, "1.2.826.0.1.3680043.2.1125.2");
        var nested = new DicomSequence(ContentSequence) { UndefinedLength = false };
        var nestedItem = new DicomDataset { UndefinedLength = false };
        nestedItem.SetString(new DicomTag(0x0040, 0xA040), DicomVR.CS, "TEXT");
        nestedItem.SetString(new DicomTag(0x0040, 0xA160), DicomVR.UT, "Findings: none.");
        nested.Add(nestedItem);
        first.Set(nested);
        sequence.Add(first);
        var second = new DicomDataset { UndefinedLength = false };
        second.SetString(new DicomTag(0x0008, 0x1150), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.4");
        sequence.Add(second);
        ds.Set(sequence);

        ds.SetString(new DicomTag(0x0009, 0x0010), DicomVR.LO, "ACME FUZZ");
        ds.Set(new DicomElement(new DicomTag(0x0009, 0x1001), DicomVR.OB, DicomBuffer.FromBytes(new byte[] { 1, 2, 3, 4, 5, 6 })));
        ds.SetString(PatientName, DicomVR.PN, "Doe^Jane");
        ds.SetString(new DicomTag(0x0010, 0x0020), DicomVR.LO, "PID-0001");
        ds.SetString(StudyInstanceUid, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.3");
        ds.SetValues(new DicomTag(0x0028, 0x0002), DicomVR.US, (ushort)1);
        ds.SetValues(new DicomTag(0x0028, 0x0010), DicomVR.US, (ushort)4);
        ds.SetValues(new DicomTag(0x0028, 0x0011), DicomVR.US, (ushort)4);
        ds.SetValues(new DicomTag(0x0028, 0x0100), DicomVR.US, (ushort)8);
        if (encapsulated)
        {
            var pixels = new DicomFragmentSequence(DicomTag.PixelData, DicomVR.OB) { OffsetTable = DicomBuffer.FromBytes(new byte[4]) };
            pixels.Fragments.Add(DicomBuffer.FromBytes(Enumerable.Range(0, 10).Select(i => (byte)i).ToArray()));
            pixels.Fragments.Add(DicomBuffer.FromBytes(Enumerable.Range(100, 6).Select(i => (byte)i).ToArray()));
            ds.Set(pixels);
        }
        else
        {
            ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OW, DicomBuffer.FromBytes(Enumerable.Range(0, 16).Select(i => (byte)(i * 7)).ToArray())));
        }
        return ds;
    }

    /// <summary>The sample as a Part 10 file in <paramref name="syntax"/>.</summary>
    public static byte[] File(DicomTransferSyntax syntax)
    {
        var output = new MemoryStream();
        DicomFileWriter.Write(output, new DicomFile(new DicomDataset(), Dataset(syntax.IsEncapsulated), syntax), syntax);
        return output.ToArray();
    }

    /// <summary>The sample's dataset alone (no meta) in <paramref name="syntax"/>.</summary>
    public static byte[] DatasetBytes(DicomTransferSyntax syntax)
    {
        var output = new MemoryStream();
        DicomDatasetWriter.Write(output, Dataset(syntax.IsEncapsulated), syntax);
        return output.ToArray();
    }
}
