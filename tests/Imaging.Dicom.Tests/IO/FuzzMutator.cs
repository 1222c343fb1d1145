using System.Buffers.Binary;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Tests.IO;

/// <summary>A small deterministic mutation fuzzer: the same seed bytes and <see cref="Random"/> seed always give the same
/// inputs, so a failure found by the smoke test is reproduced by its (seed file, iteration) pair.</summary>
/// <remarks>Mutations aim where DICOM readers break: lengths (found by looking for VR codes and item tags), delimiters,
/// truncation, and repeated or missing chunks (which shift every later header).</remarks>
public sealed class FuzzMutator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly uint[] InterestingLengths =
    [
        0, 1, 2, 3, 4, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF, 0x10000,
        0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFF0,
    ];

    private static readonly byte[][] Structural =
    [
        [0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF], // item, undefined length
        [0xFE, 0xFF, 0x0D, 0xE0, 0x00, 0x00, 0x00, 0x00], // item delimiter
        [0xFE, 0xFF, 0xDD, 0xE0, 0x00, 0x00, 0x00, 0x00], // sequence delimiter
        [0x08, 0x00, 0x40, 0x11, (byte)'S', (byte)'Q', 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF], // SQ, undefined length
        [0x09, 0x00, 0x10, 0x10, (byte)'U', (byte)'N', 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF], // UN, undefined length
        [0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'B', 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF], // encapsulated pixel data
        "DICM"u8.ToArray(),
        [0x02, 0x00, 0x10, 0x00, (byte)'U', (byte)'I', 0x16, 0x00, .. "1.2.840.10008.1.2.1.99"u8],
    ];

    /// <summary>One mutated copy of <paramref name="input"/> (one to four stacked mutations).</summary>
    public byte[] Mutate(byte[] input)
    {
        var data = new List<byte>(input);
        var count = 1 + _random.Next(4);
        for (var i = 0; i < count; i++) MutateOnce(data);
        return data.ToArray();
    }

    private void MutateOnce(List<byte> data)
    {
        if (data.Count == 0)
        {
            data.AddRange(Structural[_random.Next(Structural.Length)]);
            return;
        }
        switch (_random.Next(11))
        {
            case 0: // bit flip
            {
                var i = _random.Next(data.Count);
                data[i] ^= (byte)(1 << _random.Next(8));
                break;
            }
            case 1: // byte set to a boundary value
            {
                var i = _random.Next(data.Count);
                data[i] = _random.Next(4) switch { 0 => 0x00, 1 => 0xFF, 2 => 0x7F, _ => 0x80 };
                break;
            }
            case 2:
            case 3: // length field corruption (the commonest way to break a reader)
                CorruptLength(data);
                break;
            case 4: // chunk duplication
            {
                var (start, length) = Chunk(data.Count);
                var chunk = data.GetRange(start, length);
                data.InsertRange(_random.Next(data.Count + 1), chunk);
                break;
            }
            case 5: // chunk deletion
            {
                var (start, length) = Chunk(data.Count);
                data.RemoveRange(start, length);
                break;
            }
            case 6: // truncation
            {
                var keep = _random.Next(data.Count);
                data.RemoveRange(keep, data.Count - keep);
                break;
            }
            case 7: // structural token inserted or overwritten
            {
                var token = Structural[_random.Next(Structural.Length)];
                var at = _random.Next(data.Count + 1);
                if (_random.Next(2) == 0) data.InsertRange(at, token);
                else for (var k = 0; k < token.Length && at + k < data.Count; k++) data[at + k] = token[k];
                break;
            }
            case 8: // random bytes overwritten
            {
                var at = _random.Next(data.Count);
                var n = Math.Min(1 + _random.Next(16), data.Count - at);
                for (var k = 0; k < n; k++) data[at + k] = (byte)_random.Next(256);
                break;
            }
            case 9: // a VR swapped for another
                SwapVR(data);
                break;
            default: // chunk overwritten by another part of the input
            {
                var (start, length) = Chunk(data.Count);
                var chunk = data.GetRange(start, length);
                var at = _random.Next(data.Count);
                for (var k = 0; k < chunk.Count && at + k < data.Count; k++) data[at + k] = chunk[k];
                break;
            }
        }
    }

    private (int Start, int Length) Chunk(int count)
    {
        var start = _random.Next(count);
        var max = Math.Min(count - start, 256);
        return (start, 1 + _random.Next(max));
    }

    private void CorruptLength(List<byte> data)
    {
        var fields = FindLengthFields(data);
        var value = _random.Next(3) == 0 ? (uint)_random.Next() : InterestingLengths[_random.Next(InterestingLengths.Length)];
        if (fields.Count == 0)
        {
            var at = _random.Next(data.Count);
            for (var k = 0; k < 4 && at + k < data.Count; k++) data[at + k] = (byte)(value >> (8 * k));
            return;
        }
        var (offset, size) = fields[_random.Next(fields.Count)];
        Span<byte> buffer = stackalloc byte[4];
        var bigEndian = _random.Next(4) == 0;
        if (size == 2)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)value);
            else BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)value);
        }
        else
        {
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(buffer, value);
            else BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        }
        for (var k = 0; k < size && offset + k < data.Count; k++) data[offset + k] = buffer[k];
    }

    /// <summary>Positions of plausible length fields: after an explicit VR code, or after an item/delimiter tag.</summary>
    private static List<(int Offset, int Size)> FindLengthFields(List<byte> data)
    {
        var fields = new List<(int, int)>();
        for (var i = 4; i + 4 <= data.Count; i++)
        {
            if (DicomVRInfo.TryParse(data[i], data[i + 1], out var vr))
            {
                if (DicomVRInfo.HasLongLength(vr)) { if (i + 8 <= data.Count) fields.Add((i + 4, 4)); }
                else fields.Add((i + 2, 2));
            }
            if (data[i - 4] == 0xFE && data[i - 3] == 0xFF && data[i - 1] == 0xE0 && data[i - 2] is 0x00 or 0x0D or 0xDD)
                fields.Add((i, 4));
        }
        return fields;
    }

    private void SwapVR(List<byte> data)
    {
        var positions = new List<int>();
        for (var i = 4; i + 2 <= data.Count; i++)
            if (DicomVRInfo.TryParse(data[i], data[i + 1], out _)) positions.Add(i);
        if (positions.Count == 0) return;
        var at = positions[_random.Next(positions.Count)];
        ReadOnlySpan<string> codes = ["SQ", "UN", "OB", "OW", "UT", "US", "UL", "LO", "AT", "FD", "SV", "XX", "\0\0"];
        var code = codes[_random.Next(codes.Length)];
        data[at] = (byte)code[0];
        data[at + 1] = (byte)code[1];
    }
}
