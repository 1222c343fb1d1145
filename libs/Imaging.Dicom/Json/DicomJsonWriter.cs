using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Imaging.Dicom.Data;
using Imaging.Dicom.Text;

namespace Imaging.Dicom.Json;

/// <summary>Writes datasets in the DICOM JSON Model of PS3.18 Annex F, streaming through <see cref="Utf8JsonWriter"/>.</summary>
/// <remarks>
/// Mapping decisions, where the standard leaves room:
/// <list type="bullet">
/// <item>DS and IS are JSON numbers spelled with the value's own digits ("1.50" → 1.50; "+3" → 3; ".5" → 0.5); a value
/// that is not a number by its VR's grammar (or an IS outside 32 bits) is written as a JSON string, which Table F.2.3-1
/// permits. This is what DCMTK's dcm2json does.</item>
/// <item>SV and UV are JSON numbers within ±(2^53 − 1), the range RFC 8259 calls interoperable, and strings beyond it.</item>
/// <item>FL and FD NaN or infinity: see <see cref="DicomJsonNonFiniteFloats"/>.</item>
/// <item>An element whose values are all empty is written as {"vr":"XX"} (F.2.5); empty values among others are null.</item>
/// <item>Person name component groups drop trailing empty components ("Doe^John^^" → "Doe^John"), which PS3.5 6.2.1
/// makes equivalent; a name with no non-empty group is null.</item>
/// <item>Specific Character Set (0008,0005) is written as it stands: the JSON is UTF-8 regardless, and the attribute
/// records the source encoding (PS3.18 F.2.2, note 3). DCMTK 3.6.7 instead rewrites it to "ISO_IR 192".</item>
/// <item>Group lengths (gggg,0000) are left out, as F.2.2 requires. Everything else in the dataset is written, Data Set
/// Trailing Padding (FFFC,FFFC) included, as dcm2json does: the writer does not judge which attributes matter.</item>
/// </list>
/// </remarks>
public sealed class DicomJsonWriter
{
    // Large values go out in slices so neither the base64 text nor the writer's pending buffer grows with the value.
    private const int BinaryChunkSize = 1 << 20;
    private const int FlushThreshold = 1 << 20;

    private readonly DicomJsonWriterOptions _options;

    public DicomJsonWriter(DicomJsonWriterOptions? options = null)
    {
        _options = options ?? DicomJsonWriterOptions.Default;
        _options.Validate();
    }

    public DicomJsonWriterOptions Options => _options;

    /// <summary>The dataset as a JSON string.</summary>
    public static string Serialize(DicomDataset dataset, DicomJsonWriterOptions? options = null) =>
        new DicomJsonWriter(options).WriteToString(dataset);

    public string WriteToString(DicomDataset dataset) => Encoding.UTF8.GetString(WriteToUtf8Bytes(dataset));

    public byte[] WriteToUtf8Bytes(DicomDataset dataset)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(dataset, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the dataset as one JSON object to <paramref name="utf8Output"/>.</summary>
    public void Write(DicomDataset dataset, Stream utf8Output)
    {
        using var json = new Utf8JsonWriter(utf8Output, JsonOptions());
        Write(dataset, json);
        json.Flush();
    }

    public void Write(DicomDataset dataset, IBufferWriter<byte> utf8Output)
    {
        using var json = new Utf8JsonWriter(utf8Output, JsonOptions());
        Write(dataset, json);
        json.Flush();
    }

    /// <summary>Writes the dataset as one JSON object at the writer's current position (e.g. inside an array the caller is
    /// building). The writer's own options apply; this writer's <see cref="DicomJsonWriterOptions.Indented"/> and
    /// <see cref="DicomJsonWriterOptions.Encoder"/> do not.</summary>
    public void Write(DicomDataset dataset, Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(json);
        new Context(_options, json).WriteDataset(dataset);
    }

    /// <summary>Writes the datasets as a JSON array of objects, the form DICOMweb uses for metadata and query results.</summary>
    public void WriteArray(IEnumerable<DicomDataset> datasets, Stream utf8Output)
    {
        using var json = new Utf8JsonWriter(utf8Output, JsonOptions());
        WriteArray(datasets, json);
        json.Flush();
    }

    public void WriteArray(IEnumerable<DicomDataset> datasets, IBufferWriter<byte> utf8Output)
    {
        using var json = new Utf8JsonWriter(utf8Output, JsonOptions());
        WriteArray(datasets, json);
        json.Flush();
    }

    private void WriteArray(IEnumerable<DicomDataset> datasets, Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        json.WriteStartArray();
        foreach (var dataset in datasets) Write(dataset, json);
        json.WriteEndArray();
    }

    private JsonWriterOptions JsonOptions() => new()
    {
        Indented = _options.Indented,
        Encoder = _options.Encoder,
        // Every nested sequence costs three JSON levels (attribute, Value array, item); the framework's default of
        // 1000 is ample, so leave it.
    };

    /// <summary>State of one write: the output and where in the dataset tree it is.</summary>
    private sealed class Context(DicomJsonWriterOptions options, Utf8JsonWriter json)
    {
        private readonly List<DicomTag> _tags = [];
        private readonly List<int> _items = [];

        public void WriteDataset(DicomDataset dataset)
        {
            var characterSet = dataset.CharacterSet;
            json.WriteStartObject();
            foreach (var attribute in dataset)
            {
                if (attribute.Tag.IsGroupLength) continue;
                if (attribute is DicomFragmentSequence && options.EncapsulatedPixelData == DicomJsonEncapsulatedPixelData.Skip) continue;
                _tags.Add(attribute.Tag);
                WriteTagName(attribute.Tag);
                json.WriteStartObject();
                switch (attribute)
                {
                    case DicomSequence sequence: WriteSequence(sequence); break;
                    case DicomFragmentSequence fragments: WriteEncapsulated(fragments); break;
                    case DicomElement element: WriteElement(element, characterSet); break;
                    default: throw new NotSupportedException($"Attribute type {attribute.GetType().Name} has no DICOM JSON form.");
                }
                json.WriteEndObject();
                _tags.RemoveAt(_tags.Count - 1);
                if (json.BytesPending > FlushThreshold) json.Flush();
            }
            json.WriteEndObject();
        }

        private void WriteTagName(DicomTag tag)
        {
            Span<byte> hex = stackalloc byte[8];
            Utf8Formatter.TryFormat(tag.Value, hex, out _, new StandardFormat('X', 8));
            json.WritePropertyName(hex);
        }

        private void WriteVR(DicomVR vr)
        {
            if (vr == DicomVR.None) vr = DicomVR.UN;
            ReadOnlySpan<byte> code = [(byte)((ushort)vr >> 8), (byte)((ushort)vr & 0xFF)];
            json.WriteString("vr"u8, code);
        }

        private void WriteSequence(DicomSequence sequence)
        {
            // A UN of undefined length parsed as a sequence is, per PS3.5 6.2.2, an SQ in all but name; JSON has no
            // other way to carry its items.
            WriteVR(DicomVR.SQ);
            if (sequence.Items.Count == 0) return;
            json.WritePropertyName("Value"u8);
            json.WriteStartArray();
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                _items.Add(i);
                WriteDataset(sequence.Items[i]);
                _items.RemoveAt(_items.Count - 1);
            }
            json.WriteEndArray();
        }

        private void WriteEncapsulated(DicomFragmentSequence fragments)
        {
            WriteVR(fragments.VR == DicomVR.None ? DicomVR.OB : fragments.VR);
            WriteBulkDataUri();
        }

        private void WriteBulkDataUri()
        {
            var path = CurrentPath();
            var uri = options.BulkDataUriFactory!(path);
            if (string.IsNullOrEmpty(uri))
                throw new InvalidOperationException($"{nameof(DicomJsonWriterOptions.BulkDataUriFactory)} made no URI for {path}.");
            json.WriteString("BulkDataURI"u8, uri);
        }

        private void WriteElement(DicomElement element, DicomCharacterSet characterSet)
        {
            var vr = element.VR == DicomVR.None ? DicomVR.UN : element.VR;
            WriteVR(vr);
            if (element.Buffer is BulkDataUriBuffer { IsResolved: false } reference)
            {
                // Not fetched: hand the reference on rather than forcing a download only to inline it.
                json.WriteString("BulkDataURI"u8, reference.Uri);
                return;
            }
            if (element.IsEmpty) return;
            switch (vr)
            {
                case DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN:
                    WriteBinary(element);
                    break;
                case DicomVR.AT:
                    WriteTags(element);
                    break;
                case DicomVR.US: WriteNumbers<ushort>(element, (w, v) => w.WriteNumberValue(v)); break;
                case DicomVR.SS: WriteNumbers<short>(element, (w, v) => w.WriteNumberValue(v)); break;
                case DicomVR.UL: WriteNumbers<uint>(element, (w, v) => w.WriteNumberValue(v)); break;
                case DicomVR.SL: WriteNumbers<int>(element, (w, v) => w.WriteNumberValue(v)); break;
                case DicomVR.SV: WriteNumbers<long>(element, WriteSigned64); break;
                case DicomVR.UV: WriteNumbers<ulong>(element, WriteUnsigned64); break;
                case DicomVR.FL: WriteFloats<float>(element, float.IsFinite, (w, v) => w.WriteNumberValue(v), v => float.IsNaN(v), v => v > 0); break;
                case DicomVR.FD: WriteFloats<double>(element, double.IsFinite, (w, v) => w.WriteNumberValue(v), double.IsNaN, v => v > 0); break;
                case DicomVR.PN:
                    WritePersonNames(element.GetStrings(characterSet));
                    break;
                case DicomVR.DS:
                    WriteTextValues(element.GetStrings(characterSet), static (w, v) =>
                    {
                        if (DicomJsonNumbers.TryDecimalToJson(v, out var number)) w.WriteRawValue(number);
                        else w.WriteStringValue(v);
                    });
                    break;
                case DicomVR.IS:
                    WriteTextValues(element.GetStrings(characterSet), static (w, v) =>
                    {
                        if (DicomJsonNumbers.TryIntegerToJson(v, out var number)) w.WriteRawValue(number);
                        else w.WriteStringValue(v);
                    });
                    break;
                default:
                    WriteTextValues(element.GetStrings(characterSet), static (w, v) => w.WriteStringValue(v));
                    break;
            }
        }

        private void WriteTextValues(string[] values, Action<Utf8JsonWriter, string> writeValue)
        {
            if (Array.TrueForAll(values, v => v.Length == 0)) return;
            json.WritePropertyName("Value"u8);
            json.WriteStartArray();
            foreach (var v in values)
            {
                if (v.Length == 0) json.WriteNullValue();
                else writeValue(json, v);
            }
            json.WriteEndArray();
        }

        private void WritePersonNames(string[] values)
        {
            var names = values.Select(PersonNameGroups).ToArray();
            if (Array.TrueForAll(names, n => n is null)) return;
            json.WritePropertyName("Value"u8);
            json.WriteStartArray();
            foreach (var groups in names)
            {
                if (groups is null) { json.WriteNullValue(); continue; }
                json.WriteStartObject();
                if (groups[0].Length > 0) json.WriteString("Alphabetic"u8, groups[0]);
                if (groups[1].Length > 0) json.WriteString("Ideographic"u8, groups[1]);
                if (groups[2].Length > 0) json.WriteString("Phonetic"u8, groups[2]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }

        /// <summary>The three component groups with trailing empty components removed, or null when all are empty.</summary>
        private static string[]? PersonNameGroups(string value)
        {
            var parts = value.Split('=');
            var groups = new string[3];
            for (var i = 0; i < 3; i++) groups[i] = i < parts.Length ? parts[i].TrimEnd('^', ' ') : "";
            return Array.TrueForAll(groups, g => g.Length == 0) ? null : groups;
        }

        private void WriteTags(DicomElement element)
        {
            var tags = element.GetTags();
            if (tags.Length == 0) return;
            json.WritePropertyName("Value"u8);
            json.WriteStartArray();
            Span<byte> hex = stackalloc byte[8];
            foreach (var t in tags)
            {
                Utf8Formatter.TryFormat(t.Value, hex, out _, new StandardFormat('X', 8));
                json.WriteStringValue(hex);
            }
            json.WriteEndArray();
        }

        private void WriteNumbers<T>(DicomElement element, Action<Utf8JsonWriter, T> writeValue) where T : unmanaged
        {
            var values = element.GetValues<T>();
            if (values.Length == 0) return;
            json.WritePropertyName("Value"u8);
            json.WriteStartArray();
            foreach (var v in values) writeValue(json, v);
            json.WriteEndArray();
        }

        private static void WriteSigned64(Utf8JsonWriter w, long v)
        {
            if (v is >= -DicomJsonNumbers.MaxSafeInteger and <= DicomJsonNumbers.MaxSafeInteger) w.WriteNumberValue(v);
            else w.WriteStringValue(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        private static void WriteUnsigned64(Utf8JsonWriter w, ulong v)
        {
            if (v <= DicomJsonNumbers.MaxSafeInteger) w.WriteNumberValue(v);
            else w.WriteStringValue(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        private void WriteFloats<T>(DicomElement element, Func<T, bool> isFinite, Action<Utf8JsonWriter, T> writeValue,
            Func<T, bool> isNaN, Func<T, bool> isPositive) where T : unmanaged
        {
            var values = element.GetValues<T>();
            if (values.Length == 0) return;
            json.WritePropertyName("Value"u8);
            json.WriteStartArray();
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (isFinite(v)) { writeValue(json, v); continue; }
                var text = isNaN(v) ? "NaN" : isPositive(v) ? "Infinity" : "-Infinity";
                if (options.NonFiniteFloats == DicomJsonNonFiniteFloats.Throw)
                    throw new DicomJsonException($"{DicomVRInfo.Code(element.VR)} value {text} has no JSON number form.", CurrentJsonPath() + $".Value[{i}]");
                json.WriteStringValue(text);
            }
            json.WriteEndArray();
        }

        private void WriteBinary(DicomElement element)
        {
            if (options.BulkDataThreshold is { } threshold && element.Length >= threshold)
            {
                WriteBulkDataUri();
                return;
            }
            json.WritePropertyName("InlineBinary"u8);
            if (element.Buffer.IsLoaded)
            {
                var bytes = element.Buffer.GetMemory().Span;
                if (bytes.Length <= BinaryChunkSize)
                {
                    json.WriteBase64StringValue(bytes);
                    return;
                }
                for (var offset = 0; offset < bytes.Length; offset += BinaryChunkSize)
                {
                    var chunk = bytes.Slice(offset, Math.Min(BinaryChunkSize, bytes.Length - offset));
                    json.WriteBase64StringSegment(chunk, isFinalSegment: false);
                    if (json.BytesPending > FlushThreshold) json.Flush();
                }
                json.WriteBase64StringSegment([], isFinalSegment: true);
                return;
            }
            // A deferred value is streamed from its source so that it is never held whole, neither raw nor as base64.
            using (var sink = new Base64SegmentStream(json, FlushThreshold)) element.Buffer.CopyTo(sink);
            json.WriteBase64StringSegment([], isFinalSegment: true);
        }

        private DicomTagPath CurrentPath() => new(_tags, _items);

        private string CurrentJsonPath()
        {
            var sb = new StringBuilder("$");
            for (var i = 0; i < _tags.Count; i++)
            {
                if (i > 0) sb.Append(".Value[").Append(_items[i - 1]).Append(']');
                sb.Append("['").Append(_tags[i].ToHex()).Append("']");
            }
            return sb.ToString();
        }
    }

    /// <summary>Adapts <see cref="DicomBuffer.CopyTo"/> to base64 string segments of the JSON writer.</summary>
    private sealed class Base64SegmentStream(Utf8JsonWriter json, int flushThreshold) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            for (var offset = 0; offset < buffer.Length; offset += BinaryChunkSize)
            {
                json.WriteBase64StringSegment(buffer.Slice(offset, Math.Min(BinaryChunkSize, buffer.Length - offset)), isFinalSegment: false);
                if (json.BytesPending > flushThreshold) json.Flush();
            }
        }
    }
}
