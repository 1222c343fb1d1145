using System.IO.Compression;
using System.Text;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.IO;

/// <summary>Reads Part 10 files (and bare datasets) without trusting any length in them.</summary>
public static class DicomFileReader
{
    private static ReadOnlySpan<byte> Magic => "DICM"u8;

    static DicomFileReader()
    {
        // Without strict validation a truncated deflate stream just ends, and a cut deflated file would read as a
        // shorter dataset. Hosts normally set this in runtimeconfig (Directory.Build.props); this covers other hosts
        // unless they chose otherwise explicitly.
        if (!AppContext.TryGetSwitch("System.IO.Compression.UseStrictValidation", out _))
            AppContext.SetSwitch("System.IO.Compression.UseStrictValidation", true);
    }

    /// <summary>Reads a file; values over the size threshold stay on disk until asked for.</summary>
    public static DicomFile Read(string path, DicomReaderOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(stream, options, Path.GetFullPath(path));
    }

    /// <summary>Reads from a stream; nothing is deferred unless <paramref name="sourcePath"/> names the file behind it.</summary>
    public static DicomFile Read(Stream stream, DicomReaderOptions? options = null, string? sourcePath = null)
    {
        options ??= DicomReaderOptions.Default;
        var start = stream.CanSeek ? stream.Position : 0;
        long? length = stream.CanSeek ? stream.Length : null;
        using var input = new DicomInput(stream, start, length);
        var warnings = new List<DicomReadWarning>();

        var hadPreamble = false;
        var head = input.PeekAvailable(138);
        if (head.Length >= 132 && head[128..132].SequenceEqual(Magic) && (LooksLikeMetaElement(head[132..]) || !LooksLikeElement(head)))
        {
            input.Advance(132);
            hadPreamble = true;
        }
        else if (head.Length >= 4 && head[..4].SequenceEqual(Magic))
        {
            // Some writers drop the 128-byte preamble but keep the prefix.
            input.Advance(4);
            warnings.Add(new DicomReadWarning(start, "File has 'DICM' without the 128-byte preamble"));
        }
        else if (head.Length < 8)
        {
            throw new DicomFormatException("Not a DICOM file: fewer than 8 bytes", start);
        }
        else if (!head[..8].ContainsAnyExcept((byte)0))
        {
            // No preamble and zeros where the first element should be: a pre-allocated or interrupted file.
            throw new DicomFormatException("Not a DICOM file: it starts with zero bytes and has no 'DICM' prefix", start);
        }

        var meta = new DicomDataset();
        var dataset = new DicomDataset();
        var syntax = DicomTransferSyntax.ExplicitVRLittleEndian;
        var datasetOffset = input.Position;
        DicomFormatException? error = null;
        try
        {
            var metaParser = new DicomParser(input, options, warnings, sourcePath);
            if (LooksLikeMetaGroup(input))
                metaParser.ReadMetaGroup(meta);
            else if (hadPreamble)
                warnings.Add(new DicomReadWarning(input.Position, "Part 10 file has no file meta information"));

            datasetOffset = input.Position;
            syntax = DetermineSyntax(meta, input, warnings, datasetOffset);
            if (!syntax.IsDeflated)
                new DicomParser(input, options, warnings, sourcePath, metaParser.AttributeCount).ReadTopLevel(dataset, syntax);
            else
                ReadDeflated(stream, input, options, warnings, syntax, dataset, datasetOffset, metaParser.AttributeCount);
            if (meta.Count == 0 && dataset.Count == 0)
                throw new DicomFormatException("Not a DICOM file: no data elements", input.Position);
        }
        catch (DicomFormatException ex) when (options.KeepPartialOnError)
        {
            error = ex;
            warnings.Add(new DicomReadWarning(ex.Offset, ex.Reason));
        }

        return new DicomFile(meta, dataset, syntax)
        {
            HadPreamble = hadPreamble,
            DatasetOffset = datasetOffset,
            Warnings = warnings,
            IsPartial = error is not null,
            Error = error,
        };
    }

    /// <summary>Reads a dataset with no meta group in a known syntax (e.g. a DIMSE data set received over the network).</summary>
    public static DicomDataset ReadDataset(Stream stream, DicomTransferSyntax syntax, DicomReaderOptions? options = null, string? sourcePath = null)
    {
        options ??= DicomReaderOptions.Default;
        var start = stream.CanSeek ? stream.Position : 0;
        long? length = stream.CanSeek ? stream.Length : null;
        using var input = new DicomInput(stream, start, length);
        var warnings = new List<DicomReadWarning>();
        var dataset = new DicomDataset();
        if (syntax.IsDeflated) ReadDeflated(stream, input, options, warnings, syntax, dataset, start, 0);
        else new DicomParser(input, options, warnings, sourcePath).ReadTopLevel(dataset, syntax);
        return dataset;
    }

    /// <summary>Inflates and parses the dataset. Positions inside inflated data mean nothing in the file, so errors and
    /// warnings are reported at <paramref name="deflatedStart"/> with the inflated position in the message.</summary>
    private static void ReadDeflated(Stream stream, DicomInput input, DicomReaderOptions options, List<DicomReadWarning> warnings,
        DicomTransferSyntax syntax, DicomDataset dataset, long deflatedStart, int attributeCount)
    {
        var firstWarning = warnings.Count;
        try
        {
            InflateAndParse(stream, input, options, warnings, syntax, dataset, attributeCount);
        }
        catch (DicomFormatException ex)
        {
            throw new DicomFormatException($"{ex.Reason} (at inflated byte {ex.Offset})", deflatedStart, ex);
        }
        finally
        {
            for (var i = firstWarning; i < warnings.Count; i++)
                warnings[i] = new DicomReadWarning(deflatedStart, $"{warnings[i].Message} (at inflated byte {warnings[i].Offset})");
        }
    }

    private static void InflateAndParse(Stream stream, DicomInput input, DicomReaderOptions options, List<DicomReadWarning> warnings,
        DicomTransferSyntax syntax, DicomDataset dataset, int attributeCount)
    {
        // An empty input is a valid empty deflate stream to the inflater, but never a file someone meant to write.
        if (input.AtEnd) throw new DicomFormatException("No deflated data follows the file meta information", input.Position);
        // The deflated bit stream starts right after the meta group; hand the inflater what the window already holds.
        var pending = input.Buffered.ToArray();
        var raw = new ConcatenatedReadStream(pending, stream);
        using var inflated = new CappedReadStream(new DeflateStream(raw, CompressionMode.Decompress), options.MaxInflatedLength, "Inflated dataset");
        using var inner = new DicomInput(inflated, 0, null);
        // Deferred values need random access, which an inflated stream lacks: read everything into memory.
        new DicomParser(inner, options, warnings, null, attributeCount).ReadTopLevel(dataset, syntax);
    }

    private static bool LooksLikeMetaGroup(DicomInput input) => LooksLikeMetaElement(input.PeekAvailable(6));

    private static bool LooksLikeMetaElement(ReadOnlySpan<byte> p) =>
        p.Length >= 6 && p[0] == 0x02 && p[1] == 0x00 && DicomVRInfo.TryParse(p[4], p[5], out _);

    /// <summary>Whether a file starts with a plausible element header: a low even group and an explicit VR or a
    /// small implicit length. Used when "DICM" at 128 might just be data (a raw dataset that happens to hold it).</summary>
    private static bool LooksLikeElement(ReadOnlySpan<byte> p)
    {
        if (p.Length < 8) return false;
        var group = (ushort)(p[0] | (p[1] << 8));
        if (group is not (0x0002 or 0x0008 or 0x0010 or 0x0018 or 0x0020 or 0x0028)) return false;
        return DicomVRInfo.TryParse(p[4], p[5], out _) || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(p[4..]) < 1024;
    }

    private static DicomTransferSyntax DetermineSyntax(DicomDataset meta, DicomInput input, List<DicomReadWarning> warnings, long offset)
    {
        var uid = meta.GetElement(DicomTag.TransferSyntaxUid) is { } e
            ? Encoding.ASCII.GetString(e.Buffer.GetMemory().Span).Trim('\0', ' ')
            : null;
        var guessed = GuessSyntax(input);
        if (string.IsNullOrEmpty(uid))
        {
            if (meta.Count > 0) warnings.Add(new DicomReadWarning(offset, $"No Transfer Syntax UID in the meta group; guessed {guessed.Name}"));
            return guessed;
        }
        var declared = DicomTransferSyntax.Lookup(uid);
        if (declared.IsDeflated || input.PeekAvailable(8).Length < 8) return declared;
        // Files that say explicit but are implicit (or the reverse) exist; trust the bytes for the VR question.
        if (declared.IsExplicitVR != guessed.IsExplicitVR && declared.IsBigEndian == guessed.IsBigEndian && !declared.IsEncapsulated)
        {
            warnings.Add(new DicomReadWarning(offset, $"Dataset is encoded as {guessed.Name} although the meta group says {declared.Name}"));
            return guessed;
        }
        return declared;
    }

    /// <summary>Guesses the syntax of a dataset from its first element header.</summary>
    internal static DicomTransferSyntax GuessSyntax(DicomInput input)
    {
        var p = input.PeekAvailable(8);
        if (p.Length < 6) return DicomTransferSyntax.ImplicitVRLittleEndian;
        var explicitVR = DicomVRInfo.TryParse(p[4], p[5], out _);
        // Groups are small numbers: a little-endian group has its low byte first and (usually) a zero high byte.
        var bigEndian = p[0] == 0 && p[1] != 0;
        if (bigEndian) return explicitVR ? DicomTransferSyntax.ExplicitVRBigEndian : DicomTransferSyntax.ImplicitVRLittleEndian;
        return explicitVR ? DicomTransferSyntax.ExplicitVRLittleEndian : DicomTransferSyntax.ImplicitVRLittleEndian;
    }

    /// <summary>Bytes already buffered followed by the rest of a stream.</summary>
    private sealed class ConcatenatedReadStream(byte[] head, Stream tail) : Stream
    {
        private int _headPos;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_headPos < head.Length)
            {
                var n = Math.Min(buffer.Length, head.Length - _headPos);
                head.AsSpan(_headPos, n).CopyTo(buffer);
                _headPos += n;
                return n;
            }
            return tail.Read(buffer);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
