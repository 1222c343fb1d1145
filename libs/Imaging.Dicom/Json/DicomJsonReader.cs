using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Imaging.Dicom.Data;
using Imaging.Dicom.Text;

namespace Imaging.Dicom.Json;

/// <summary>Reads the DICOM JSON Model of PS3.18 Annex F back into datasets.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Text is encoded with the Specific Character Set (0008,0005) of the dataset (or enclosing dataset) it belongs to,
/// wherever that attribute appears in the object, so that the JSON of a Latin-1 dataset becomes Latin-1 bytes again.</item>
/// <item>DS and IS numbers keep their JSON digits as the DS/IS text when they fit the VR's length; SV, UV, FL and FD
/// also accept the string forms this toolkit's writer uses ("NaN", "Infinity", large 64-bit values).</item>
/// <item>PN values may be objects (the standard form) or plain "Alphabetic=Ideographic=Phonetic" strings.</item>
/// <item>"BulkDataURI" values become <see cref="BulkDataUriBuffer"/>s, fetched through
/// <see cref="DicomJsonReaderOptions.BulkDataResolver"/> when first needed.</item>
/// <item>Anything else the model does not define (unknown members, wrong JSON types, duplicate tags, a value in two
/// forms) is rejected with a <see cref="DicomJsonException"/> that gives the JSON path and line/column.</item>
/// </list>
/// </remarks>
public sealed class DicomJsonReader
{
    private readonly DicomJsonReaderOptions _options;

    public DicomJsonReader(DicomJsonReaderOptions? options = null)
    {
        _options = options ?? DicomJsonReaderOptions.Default;
        _options.Validate();
    }

    public DicomJsonReaderOptions Options => _options;

    /// <summary>Reads one dataset from a JSON string.</summary>
    public static DicomDataset Parse(string json, DicomJsonReaderOptions? options = null) => new DicomJsonReader(options).Read(json);

    public DicomDataset Read(string json) => Read(ToUtf8(json));

    /// <summary>Reads one dataset (a JSON object) from UTF-8 bytes.</summary>
    public DicomDataset Read(ReadOnlySpan<byte> utf8Json)
    {
        CheckSize(utf8Json.Length);
        return new Parser(utf8Json, _options).ParseSingle();
    }

    /// <summary>Reads one dataset from a stream of UTF-8 JSON, which is read to its end.</summary>
    public DicomDataset Read(Stream utf8Json) => Read(ReadAll(utf8Json).Span);

    /// <summary>Reads a JSON array of datasets, the form DICOMweb uses for metadata and query results.</summary>
    public IReadOnlyList<DicomDataset> ReadArray(ReadOnlySpan<byte> utf8Json)
    {
        CheckSize(utf8Json.Length);
        return new Parser(utf8Json, _options).ParseArray();
    }

    public IReadOnlyList<DicomDataset> ReadArray(string json) => ReadArray(ToUtf8(json));

    public IReadOnlyList<DicomDataset> ReadArray(Stream utf8Json) => ReadArray(ReadAll(utf8Json).Span);

    private byte[] ToUtf8(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CheckSize(Encoding.UTF8.GetByteCount(json));
        return Encoding.UTF8.GetBytes(json);
    }

    private void CheckSize(long length)
    {
        if (length > _options.MaxInputBytes)
            throw new DicomJsonException($"The input is larger than the {_options.MaxInputBytes}-byte limit ({nameof(DicomJsonReaderOptions.MaxInputBytes)}).", "$");
    }

    private ReadOnlyMemory<byte> ReadAll(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var initial = 64 * 1024;
        if (stream.CanSeek)
        {
            // Refuse an oversized input before allocating for it.
            var remaining = stream.Length - stream.Position;
            CheckSize(remaining);
            initial = (int)Math.Max(remaining + 1, 1);
        }
        var buffer = new ArrayBufferWriter<byte>(initial);
        while (true)
        {
            var n = stream.Read(buffer.GetSpan(64 * 1024));
            if (n == 0) break;
            buffer.Advance(n);
            CheckSize(buffer.WrittenCount);
        }
        return buffer.WrittenMemory;
    }

    /// <summary>A text value whose bytes wait until the whole document, and so every Specific Character Set, is known.</summary>
    private readonly record struct PendingText(DicomDataset Dataset, DicomTag Tag, DicomVR VR, string[] Values, string JsonPath, long Position);

    /// <summary>One parse: the input, the limits, and where in the document it is (for paths in errors and bulk data).</summary>
    private ref struct Parser
    {
        private readonly ReadOnlySpan<byte> _input;
        private readonly int _bomLength;
        private readonly DicomJsonReaderOptions _options;
        private readonly List<string> _jsonPath;
        private readonly List<DicomTag> _tags;
        private readonly List<int> _items;
        private readonly List<PendingText> _pending;

        public Parser(ReadOnlySpan<byte> input, DicomJsonReaderOptions options)
        {
            // Utf8JsonReader rejects a byte order mark; files saved by editors sometimes carry one.
            _bomLength = input.StartsWith("\uFEFF"u8) ? 3 : 0;
            _input = input;
            _options = options;
            _jsonPath = [];
            _tags = [];
            _items = [];
            _pending = [];
        }

        private readonly JsonReaderOptions ReaderOptions => new()
        {
            // Every nested sequence costs three JSON levels (attribute, Value, item) and a PN value one more, so this
            // lets the sequence limit, with its clearer message, trip first.
            MaxDepth = 3 * _options.MaxSequenceDepth + 8,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        };

        public DicomDataset ParseSingle()
        {
            var reader = new Utf8JsonReader(_input[_bomLength..], ReaderOptions);
            try
            {
                Next(ref reader);
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw Fail(ref reader, $"A DICOM JSON dataset is a JSON object, not {Describe(reader.TokenType)}.");
                var dataset = ParseDataset(ref reader, 0);
                if (reader.Read()) throw Fail(ref reader, "Unexpected content after the dataset.");
                Materialise();
                return dataset;
            }
            catch (JsonException e)
            {
                throw Wrap(e);
            }
        }

        public IReadOnlyList<DicomDataset> ParseArray()
        {
            var reader = new Utf8JsonReader(_input[_bomLength..], ReaderOptions);
            var result = new List<DicomDataset>();
            try
            {
                Next(ref reader);
                if (reader.TokenType != JsonTokenType.StartArray)
                    throw Fail(ref reader, $"Expected a JSON array of DICOM JSON datasets, found {Describe(reader.TokenType)}.");
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    _jsonPath.Add($"[{result.Count}]");
                    if (reader.TokenType != JsonTokenType.StartObject)
                        throw Fail(ref reader, $"A DICOM JSON dataset is a JSON object, not {Describe(reader.TokenType)}.");
                    result.Add(ParseDataset(ref reader, 0));
                    _jsonPath.RemoveAt(_jsonPath.Count - 1);
                }
                if (reader.Read()) throw Fail(ref reader, "Unexpected content after the array.");
                Materialise();
                return result;
            }
            catch (JsonException e)
            {
                throw Wrap(e);
            }
        }

        // ---- structure --------------------------------------------------------------------------------------

        /// <summary>Reads the members of a dataset object; the reader is on its StartObject and ends on its EndObject.</summary>
        private DicomDataset ParseDataset(ref Utf8JsonReader reader, int depth)
        {
            var dataset = new DicomDataset();
            var seen = new HashSet<uint>();
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                var key = ReadString(ref reader);
                _jsonPath.Add($"['{key}']");
                if (!TryParseTagKey(key, out var tag))
                    throw Fail(ref reader, $"'{key}' is not an attribute tag (eight hexadecimal digits).");
                if (!seen.Add(tag.Value)) throw Fail(ref reader, $"Attribute {tag} appears twice.");
                if (Next(ref reader) != JsonTokenType.StartObject)
                    throw Fail(ref reader, $"An attribute is a JSON object, not {Describe(reader.TokenType)}.");
                _tags.Add(tag);
                ParseAttribute(ref reader, tag, dataset, depth);
                _tags.RemoveAt(_tags.Count - 1);
                _jsonPath.RemoveAt(_jsonPath.Count - 1);
            }
            return dataset;
        }

        private static bool TryParseTagKey(string key, out DicomTag tag)
        {
            tag = default;
            if (key.Length != 8) return false;
            foreach (var c in key) if (!char.IsAsciiHexDigit(c)) return false;
            tag = new DicomTag(uint.Parse(key, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
            return true;
        }

        /// <summary>Reads an attribute object; the reader is on its StartObject and ends on its EndObject.</summary>
        private void ParseAttribute(ref Utf8JsonReader reader, DicomTag tag, DicomDataset dataset, int depth)
        {
            DicomVR? vr = null;
            var valueForm = ValueForm.None;
            // When "vr" comes after the value (unusual but legal JSON), the value is skipped and parsed again from here.
            Utf8JsonReader deferred = default;
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                var member = ReadString(ref reader);
                var form = member switch
                {
                    "vr" => ValueForm.None,
                    "Value" => ValueForm.Value,
                    "InlineBinary" => ValueForm.InlineBinary,
                    "BulkDataURI" => ValueForm.BulkDataUri,
                    _ => throw Fail(ref reader, $"Unknown member \"{member}\" in an attribute (expected vr, Value, InlineBinary or BulkDataURI)."),
                };
                Next(ref reader);
                if (member == "vr")
                {
                    if (vr is not null) throw Fail(ref reader, "\"vr\" appears twice.");
                    vr = ParseVR(ref reader);
                    continue;
                }
                if (valueForm != ValueForm.None)
                    throw Fail(ref reader, $"The attribute has both \"{FormName(valueForm)}\" and \"{member}\"; the model allows one.");
                valueForm = form;
                if (vr is { } known)
                {
                    ParseValue(ref reader, form, tag, known, dataset, depth);
                }
                else
                {
                    deferred = reader;
                    reader.Skip();
                }
            }
            if (vr is not { } attributeVR) throw Fail(ref reader, $"Attribute {tag} has no \"vr\".");
            if (valueForm == ValueForm.None)
            {
                dataset.Set(attributeVR == DicomVR.SQ
                    ? new DicomSequence(tag)
                    : new DicomElement(tag, attributeVR, DicomBuffer.Empty));
            }
            else if (deferred.TokenType != JsonTokenType.None)
            {
                ParseValue(ref deferred, valueForm, tag, attributeVR, dataset, depth);
            }
        }

        private enum ValueForm { None, Value, InlineBinary, BulkDataUri }

        private static string FormName(ValueForm form) => form switch
        {
            ValueForm.Value => "Value",
            ValueForm.InlineBinary => "InlineBinary",
            _ => "BulkDataURI",
        };

        private DicomVR ParseVR(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String) throw Fail(ref reader, $"\"vr\" is a string, not {Describe(reader.TokenType)}.");
            var text = ReadString(ref reader);
            if (!DicomVRInfo.TryParse(text, out var vr)) throw Fail(ref reader, $"'{text}' is not a DICOM VR.");
            return vr;
        }

        /// <summary>Reads the value member the reader is on and stores the attribute in <paramref name="dataset"/>.</summary>
        private void ParseValue(ref Utf8JsonReader reader, ValueForm form, DicomTag tag, DicomVR vr, DicomDataset dataset, int depth)
        {
            _jsonPath.Add("." + FormName(form));
            switch (form)
            {
                case ValueForm.InlineBinary:
                    dataset.Set(new DicomElement(tag, CheckNotSequence(ref reader, vr), DicomBuffer.FromBytes(ParseBase64(ref reader))));
                    break;
                case ValueForm.BulkDataUri:
                    CheckNotSequence(ref reader, vr);
                    if (reader.TokenType != JsonTokenType.String) throw Fail(ref reader, $"\"BulkDataURI\" is a string, not {Describe(reader.TokenType)}.");
                    var uri = ReadString(ref reader);
                    if (uri.Length == 0) throw Fail(ref reader, "\"BulkDataURI\" is empty.");
                    dataset.Set(new DicomElement(tag, vr, new BulkDataUriBuffer(uri, new DicomTagPath(_tags, _items), vr, _options.BulkDataResolver)));
                    break;
                default:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        // Some writers say "Value": null for an empty attribute; it means the same as no Value.
                        dataset.Set(vr == DicomVR.SQ ? new DicomSequence(tag) : new DicomElement(tag, vr, DicomBuffer.Empty));
                        break;
                    }
                    if (reader.TokenType != JsonTokenType.StartArray) throw Fail(ref reader, $"\"Value\" is an array, not {Describe(reader.TokenType)}.");
                    ParseValueArray(ref reader, tag, vr, dataset, depth);
                    break;
            }
            _jsonPath.RemoveAt(_jsonPath.Count - 1);
        }

        private DicomVR CheckNotSequence(ref Utf8JsonReader reader, DicomVR vr) =>
            vr == DicomVR.SQ ? throw Fail(ref reader, "A sequence (SQ) has items in \"Value\"; it cannot be binary or bulk data.") : vr;

        private byte[] ParseBase64(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null) return [];
            if (reader.TokenType != JsonTokenType.String) throw Fail(ref reader, $"\"InlineBinary\" is a base64 string, not {Describe(reader.TokenType)}.");
            if (reader.TryGetBytesFromBase64(out var bytes)) return bytes;
            throw Fail(ref reader, "\"InlineBinary\" is not valid base64.");
        }

        private void ParseValueArray(ref Utf8JsonReader reader, DicomTag tag, DicomVR vr, DicomDataset dataset, int depth)
        {
            switch (vr)
            {
                case DicomVR.SQ:
                    dataset.Set(ParseSequence(ref reader, tag, depth));
                    break;
                case DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN:
                    throw Fail(ref reader, $"{DicomVRInfo.Code(vr)} values are given as \"InlineBinary\" or \"BulkDataURI\", not \"Value\".");
                case DicomVR.AT:
                    dataset.Set(ParseTags(ref reader, tag));
                    break;
                case DicomVR.US: dataset.Set(ParseBinaryNumbers<ushort>(ref reader, tag, vr)); break;
                case DicomVR.SS: dataset.Set(ParseBinaryNumbers<short>(ref reader, tag, vr)); break;
                case DicomVR.UL: dataset.Set(ParseBinaryNumbers<uint>(ref reader, tag, vr)); break;
                case DicomVR.SL: dataset.Set(ParseBinaryNumbers<int>(ref reader, tag, vr)); break;
                case DicomVR.SV: dataset.Set(ParseBinaryNumbers<long>(ref reader, tag, vr)); break;
                case DicomVR.UV: dataset.Set(ParseBinaryNumbers<ulong>(ref reader, tag, vr)); break;
                case DicomVR.FL: dataset.Set(ParseBinaryNumbers<float>(ref reader, tag, vr)); break;
                case DicomVR.FD: dataset.Set(ParseBinaryNumbers<double>(ref reader, tag, vr)); break;
                default:
                    var position = reader.TokenStartIndex;
                    var values = ParseTextValues(ref reader, vr);
                    if (DicomVRInfo.UsesCharacterSet(vr))
                        _pending.Add(new PendingText(dataset, tag, vr, values, CurrentPath(), position));
                    else
                        dataset.Set(new DicomElement(tag, vr, EncodeText(values, vr, DicomCharacterSet.Default)));
                    break;
            }
        }

        private DicomSequence ParseSequence(ref Utf8JsonReader reader, DicomTag tag, int depth)
        {
            if (depth + 1 > _options.MaxSequenceDepth)
                throw Fail(ref reader, $"Sequences are nested more than {_options.MaxSequenceDepth} deep ({nameof(DicomJsonReaderOptions.MaxSequenceDepth)}).");
            var sequence = new DicomSequence(tag);
            var index = 0;
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                _jsonPath.Add($"[{index}]");
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw Fail(ref reader, $"A sequence item is a JSON object, not {Describe(reader.TokenType)}.");
                _items.Add(index);
                sequence.Add(ParseDataset(ref reader, depth + 1));
                _items.RemoveAt(_items.Count - 1);
                _jsonPath.RemoveAt(_jsonPath.Count - 1);
                index++;
            }
            return sequence;
        }

        private DicomElement ParseTags(ref Utf8JsonReader reader, DicomTag tag)
        {
            var tags = new List<DicomTag>();
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                _jsonPath.Add($"[{tags.Count}]");
                if (reader.TokenType != JsonTokenType.String)
                    throw Fail(ref reader, $"An AT value is a string of eight hexadecimal digits, not {Describe(reader.TokenType)}.");
                var text = ReadString(ref reader);
                if (!TryParseTagKey(text, out var value)) throw Fail(ref reader, $"'{text}' is not an attribute tag (eight hexadecimal digits).");
                tags.Add(value);
                _jsonPath.RemoveAt(_jsonPath.Count - 1);
            }
            return DicomElement.FromTags(tag, [.. tags]);
        }

        private DicomElement ParseBinaryNumbers<T>(ref Utf8JsonReader reader, DicomTag tag, DicomVR vr)
            where T : unmanaged, INumberBase<T>
        {
            var values = new List<T>();
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                _jsonPath.Add($"[{values.Count}]");
                values.Add(ParseNumber<T>(ref reader, vr));
                _jsonPath.RemoveAt(_jsonPath.Count - 1);
            }
            return new DicomElement(tag, vr, DicomBuffer.FromBytes(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(values)).ToArray()));
        }

        private T ParseNumber<T>(ref Utf8JsonReader reader, DicomVR vr) where T : unmanaged, INumberBase<T>
        {
            var isFloat = typeof(T) == typeof(float) || typeof(T) == typeof(double);
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                {
                    // Integer VRs accept 512.0 or 5.12e2 too: some writers format every number as a double.
                    if (T.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) &&
                        (!isFloat || T.IsFinite(value)))
                        return value;
                    throw Fail(ref reader, $"{Encoding.ASCII.GetString(reader.ValueSpan)} is not a {DicomVRInfo.Code(vr)} value (wrong range or not whole).");
                }
                case JsonTokenType.String:
                {
                    // Strings carry what JSON numbers cannot: 64-bit values beyond 2^53 and, from this toolkit's writer,
                    // "NaN", "Infinity" and "-Infinity".
                    var text = ReadString(ref reader);
                    if (T.TryParse(text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                        return value;
                    throw Fail(ref reader, $"'{text}' is not a {DicomVRInfo.Code(vr)} value.");
                }
                case JsonTokenType.Null:
                    throw Fail(ref reader, $"{DicomVRInfo.Code(vr)} is binary and has no empty value; null is not allowed.");
                default:
                    throw Fail(ref reader, $"A {DicomVRInfo.Code(vr)} value is a number, not {Describe(reader.TokenType)}.");
            }
        }

        private string[] ParseTextValues(ref Utf8JsonReader reader, DicomVR vr)
        {
            var values = new List<string>();
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                _jsonPath.Add($"[{values.Count}]");
                if (values.Count == 1 && DicomVRInfo.IsSingleValuedText(vr))
                    throw Fail(ref reader, $"{DicomVRInfo.Code(vr)} holds a single value.");
                values.Add(reader.TokenType switch
                {
                    JsonTokenType.Null => "",
                    JsonTokenType.String when vr == DicomVR.DS => DecimalFromString(ref reader),
                    JsonTokenType.String => ReadString(ref reader),
                    JsonTokenType.Number when vr == DicomVR.DS => DecimalText(ref reader),
                    JsonTokenType.Number when vr == DicomVR.IS => IntegerText(ref reader),
                    JsonTokenType.StartObject when vr == DicomVR.PN => ParsePersonName(ref reader),
                    _ => throw Fail(ref reader, $"A {DicomVRInfo.Code(vr)} value is {ExpectedText(vr)}, not {Describe(reader.TokenType)}."),
                });
                _jsonPath.RemoveAt(_jsonPath.Count - 1);
            }
            return [.. values];
        }

        private static string ExpectedText(DicomVR vr) => vr switch
        {
            DicomVR.DS or DicomVR.IS => "a number (or a string)",
            DicomVR.PN => "an object of name component groups",
            _ => "a string",
        };

        private string DecimalText(ref Utf8JsonReader reader)
        {
            var raw = reader.ValueSpan;
            if (DicomJsonNumbers.FitsDecimalString(raw)) return Encoding.ASCII.GetString(raw);
            // Longer than DS allows (16 characters): keep the value, not the spelling.
            if (reader.TryGetDouble(out var d)) return DicomNumberParser.FormatDecimal(d);
            throw Fail(ref reader, $"{Encoding.ASCII.GetString(raw)} is out of the range of a DS value.");
        }

        /// <summary>A DS value sent as a JSON string (tolerated): a decimal longer than DS allows is normalised exactly as
        /// the same number would be, since the writer emits it as a number and a second read must give the same value.</summary>
        private string DecimalFromString(ref Utf8JsonReader reader)
        {
            var text = ReadString(ref reader);
            var trimmed = text.AsSpan().Trim(' ');
            if (trimmed.Length <= 16 || !DicomJsonNumbers.TryDecimalToJson(trimmed, out _)) return text;
            if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                return DicomNumberParser.FormatDecimal(d);
            throw Fail(ref reader, $"{text} is out of the range of a DS value.");
        }

        private string IntegerText(ref Utf8JsonReader reader)
        {
            var raw = reader.ValueSpan;
            if (DicomJsonNumbers.IsJsonInteger(raw) && reader.TryGetInt32(out _)) return Encoding.ASCII.GetString(raw);
            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
                return ((int)d).ToString(CultureInfo.InvariantCulture);
            throw Fail(ref reader, $"{Encoding.ASCII.GetString(raw)} is not an IS value (a whole number in the signed 32-bit range).");
        }

        private string ParsePersonName(ref Utf8JsonReader reader)
        {
            var groups = new string?[3];
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                var name = ReadString(ref reader);
                var index = name switch
                {
                    "Alphabetic" => 0,
                    "Ideographic" => 1,
                    "Phonetic" => 2,
                    _ => throw Fail(ref reader, $"Unknown person name component group \"{name}\" (expected Alphabetic, Ideographic or Phonetic)."),
                };
                Next(ref reader);
                if (groups[index] is not null) throw Fail(ref reader, $"\"{name}\" appears twice.");
                groups[index] = reader.TokenType switch
                {
                    JsonTokenType.String => ReadString(ref reader),
                    JsonTokenType.Null => "",
                    _ => throw Fail(ref reader, $"A person name component group is a string, not {Describe(reader.TokenType)}."),
                };
            }
            var alphabetic = groups[0] ?? "";
            var ideographic = groups[1] ?? "";
            var phonetic = groups[2] ?? "";
            // PS3.5 6.2.1: trailing empty component groups and their '=' delimiters are left out.
            if (phonetic.Length > 0) return $"{alphabetic}={ideographic}={phonetic}";
            if (ideographic.Length > 0) return $"{alphabetic}={ideographic}";
            return alphabetic;
        }

        // ---- text encoding ----------------------------------------------------------------------------------

        private void Materialise()
        {
            foreach (var p in _pending)
            {
                DicomBuffer bytes;
                try
                {
                    bytes = EncodeText(p.Values, p.VR, p.Dataset.CharacterSet);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    var (line, column) = LineAndColumn(p.Position);
                    throw new DicomJsonException($"The text cannot be encoded in the dataset's Specific Character Set: {e.Message}", p.JsonPath, p.Position + _bomLength, line, column, e);
                }
                p.Dataset.Set(new DicomElement(p.Tag, p.VR, bytes));
            }
        }

        private static DicomBuffer EncodeText(string[] values, DicomVR vr, DicomCharacterSet characterSet)
        {
            if (values.Length == 0) return DicomBuffer.Empty;
            var text = DicomVRInfo.IsSingleValuedText(vr) ? values[0] : string.Join('\\', values);
            // Text VRs outside the character set's reach are ASCII by definition; Latin-1 keeps stray 8-bit characters
            // byte for byte, mirroring how DicomElement decodes them.
            var bytes = DicomVRInfo.UsesCharacterSet(vr) ? characterSet.Encode(text, vr) : Encoding.Latin1.GetBytes(text);
            if ((bytes.Length & 1) == 1)
            {
                Array.Resize(ref bytes, bytes.Length + 1);
                bytes[^1] = DicomVRInfo.PaddingByte(vr);
            }
            return DicomBuffer.FromBytes(bytes);
        }

        // ---- reader helpers and errors ----------------------------------------------------------------------

        private static JsonTokenType Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) throw new JsonException("The JSON ends early.");
            return reader.TokenType;
        }

        private readonly string ReadString(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException e)
            {
                // Lone surrogate escapes and invalid UTF-8 only surface when the string is decoded.
                throw Fail(ref reader, $"The string is not valid Unicode: {e.Message}");
            }
        }

        private readonly string CurrentPath() => "$" + string.Concat(_jsonPath);

        private readonly DicomJsonException Fail(ref Utf8JsonReader reader, string reason)
        {
            var position = reader.TokenStartIndex;
            var (line, column) = LineAndColumn(position);
            return new DicomJsonException(reason, CurrentPath(), position + _bomLength, line, column);
        }

        private readonly DicomJsonException Wrap(JsonException e)
        {
            var reason = "Malformed JSON: " + (e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]).TrimEnd();
            if (e.LineNumber is { } line && e.BytePositionInLine is { } inLine)
            {
                var position = PositionOf(line, inLine);
                return new DicomJsonException(reason, CurrentPath(), position, line + 1, inLine + 1, e);
            }
            return new DicomJsonException(reason, CurrentPath(), inner: e);
        }

        private readonly (long Line, long Column) LineAndColumn(long position)
        {
            var body = _input[_bomLength..];
            var before = body[..(int)Math.Min(position, body.Length)];
            var line = before.Count((byte)'\n') + 1;
            var lastNewline = before.LastIndexOf((byte)'\n');
            return (line, position - lastNewline);
        }

        private readonly long PositionOf(long zeroBasedLine, long bytePositionInLine)
        {
            var body = _input[_bomLength..];
            long offset = 0;
            for (long l = 0; l < zeroBasedLine; l++)
            {
                var next = body[(int)offset..].IndexOf((byte)'\n');
                if (next < 0) break;
                offset += next + 1;
            }
            return offset + bytePositionInLine + _bomLength;
        }

        private static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            JsonTokenType.EndObject or JsonTokenType.EndArray => "the end of the enclosing value",
            _ => token.ToString(),
        };
    }
}
