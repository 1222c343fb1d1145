using System.Buffers;
using System.Buffers.Binary;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>Our decoder for lossless JPEG (process 14, T.81 Annex H): all seven predictors, point transform, restart
/// intervals, interleaved or one-scan-per-component streams, DNL, 2 to 16 bits.</summary>
/// <remarks>Ours rather than JpegLibrary's: JpegLibrary 0.4.32 mis-predicts selection values 2 to 7 (every sample after
/// the first differs from dcmdjpeg) and hands samples out in 8×8 blocks, which costs a copy per sample.</remarks>
internal static class JpegLosslessDecoder
{
    /// <summary>Decodes the whole stream into one plane of reduced (point-transformed) samples per component.</summary>
    public static ushort[][] DecodePlanes(ReadOnlySpan<byte> data, JpegFrameHeader frame, int height)
    {
        foreach (var c in frame.Components)
            if (c.Horizontal != 1 || c.Vertical != 1)
                throw new PixelDataException($"Lossless JPEG with subsampled components ({c.Horizontal}×{c.Vertical}) is not supported");
        var width = frame.SamplesPerLine;
        var pixels = checked(width * height);
        var planes = new ushort[frame.Components.Length][];
        var decoded = new bool[frame.Components.Length];
        var tables = new JpegHuffmanDecodingTable?[4];
        var restartInterval = 0;
        var position = 2;
        try
        {
            for (var i = 0; i < planes.Length; i++) planes[i] = ArrayPool<ushort>.Shared.Rent(pixels);
            while (position < data.Length)
            {
                var marker = JpegStreamInfo.NextMarker(data, ref position);
                if (marker == 0xD9) break;
                if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue;
                var length = JpegStreamInfo.SegmentLength(data, position);
                var segment = data.Slice(position + 2, length - 2);
                position += length;
                switch (marker)
                {
                    case 0xC4:
                        ReadHuffmanTables(segment, tables);
                        break;
                    case 0xDD:
                        if (segment.Length < 2) throw new PixelDataException("JPEG DRI segment is too short");
                        restartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                        break;
                    case 0xDA:
                        position = DecodeScan(data, position, segment, frame, tables, planes, decoded, height, restartInterval);
                        break;
                    case 0xDC:
                        if (segment.Length < 2) throw new PixelDataException("JPEG DNL segment is too short");
                        var lines = BinaryPrimitives.ReadUInt16BigEndian(segment);
                        if (lines != height) throw new PixelDataException($"JPEG DNL gives {lines} lines, the dataset {height} rows");
                        break;
                    default:
                        if (JpegStreamInfo.IsStartOfFrame(marker) && position - length != frame.Offset)
                            throw new PixelDataException("The JPEG stream holds a second frame header (hierarchical JPEG is not supported)");
                        break;
                }
            }
            for (var i = 0; i < decoded.Length; i++)
                if (!decoded[i]) throw new PixelDataException($"The JPEG stream ends before component {frame.Components[i].Id} is decoded");
            return planes;
        }
        catch
        {
            Return(planes);
            throw;
        }
    }

    public static void Return(ushort[][] planes)
    {
        foreach (var plane in planes)
            if (plane is not null) ArrayPool<ushort>.Shared.Return(plane);
    }

    private static void ReadHuffmanTables(ReadOnlySpan<byte> segment, JpegHuffmanDecodingTable?[] tables)
    {
        while (segment.Length > 0)
        {
            if (segment.Length < 17) throw new PixelDataException("JPEG DHT segment is truncated");
            int tableClass = segment[0] >> 4, id = segment[0] & 15;
            if (tableClass > 1 || id > 3) throw new PixelDataException($"JPEG DHT names table class {tableClass} id {id}");
            var counts = segment.Slice(1, 16);
            var total = 0;
            foreach (var n in counts) total += n;
            if (total > 256 || segment.Length < 17 + total) throw new PixelDataException("JPEG DHT segment is shorter than its code counts");
            // Lossless scans use only the DC class (T.81 H.1.2.2); AC tables of mixed streams are skipped.
            if (tableClass == 0) tables[id] = JpegHuffmanDecodingTable.Create(counts, segment.Slice(17, total));
            segment = segment[(17 + total)..];
        }
    }

    private static int DecodeScan(ReadOnlySpan<byte> data, int position, ReadOnlySpan<byte> header, JpegFrameHeader frame,
        JpegHuffmanDecodingTable?[] tables, ushort[][] planes, bool[] decoded, int height, int restartInterval)
    {
        if (header.Length < 1) throw new PixelDataException("JPEG SOS segment is empty");
        var count = header[0];
        if (count is < 1 or > 4 || header.Length < 1 + 2 * count + 3) throw new PixelDataException("JPEG SOS segment is malformed");
        var scanPlanes = new ushort[count][];
        var scanTables = new JpegHuffmanDecodingTable[count];
        for (var i = 0; i < count; i++)
        {
            var index = frame.ComponentIndex(header[1 + 2 * i]);
            if (index < 0) throw new PixelDataException($"JPEG scan names component {header[1 + 2 * i]}, which the frame does not have");
            if (decoded[index]) throw new PixelDataException($"JPEG component {header[1 + 2 * i]} is coded in two scans");
            decoded[index] = true;
            scanPlanes[i] = planes[index];
            scanTables[i] = tables[header[2 + 2 * i] >> 4 & 3] ?? throw new PixelDataException("JPEG scan uses a Huffman table that was never defined");
        }
        var predictor = header[1 + 2 * count];
        var pointTransform = header[3 + 2 * count] & 15;
        if (predictor is < 1 or > 7) throw new PixelDataException($"JPEG lossless predictor {predictor} is outside 1..7");
        if (pointTransform >= frame.Precision) throw new PixelDataException($"JPEG point transform {pointTransform} is not below the precision {frame.Precision}");

        var width = frame.SamplesPerLine;
        var initial = 1 << (frame.Precision - pointTransform - 1);
        var reader = new JpegBitReader(data, position);
        if (restartInterval == 0 && count == 1)
        {
            // The common case (one component, no restarts): one tight loop per predictor.
            switch (predictor)
            {
                case 1: DecodeSingle<Left>(ref reader, scanPlanes[0], scanTables[0], width, height, initial); break;
                case 2: DecodeSingle<Above>(ref reader, scanPlanes[0], scanTables[0], width, height, initial); break;
                case 3: DecodeSingle<AboveLeft>(ref reader, scanPlanes[0], scanTables[0], width, height, initial); break;
                case 4: DecodeSingle<Plane>(ref reader, scanPlanes[0], scanTables[0], width, height, initial); break;
                case 5: DecodeSingle<LeftHalfGradient>(ref reader, scanPlanes[0], scanTables[0], width, height, initial); break;
                case 6: DecodeSingle<AboveHalfGradient>(ref reader, scanPlanes[0], scanTables[0], width, height, initial); break;
                default: DecodeSingle<Average>(ref reader, scanPlanes[0], scanTables[0], width, height, initial); break;
            }
        }
        else
        {
            DecodeGeneral(ref reader, scanPlanes, scanTables, predictor, width, height, initial, restartInterval);
        }
        if (pointTransform > 0)
            foreach (var plane in scanPlanes)
            {
                var samples = plane.AsSpan(0, width * height);
                for (var i = 0; i < samples.Length; i++) samples[i] = (ushort)(samples[i] << pointTransform);
            }
        return SkipToMarker(data, reader.Position);
    }

    private static void DecodeSingle<TPredictor>(ref JpegBitReader reader, ushort[] plane, JpegHuffmanDecodingTable table, int width, int height, int initial)
        where TPredictor : struct, IPredictor
    {
        var first = plane.AsSpan(0, width);
        var previous = (int)(first[0] = (ushort)(initial + reader.DecodeDifference(table)));
        for (var x = 1; x < first.Length; x++) previous = first[x] = (ushort)(previous + reader.DecodeDifference(table));
        if (reader.HasOverrun) throw new PixelDataException($"JPEG scan data is truncated at row 0 of {height}");
        for (var y = 1; y < height; y++)
        {
            var above = plane.AsSpan((y - 1) * width, width);
            var row = plane.AsSpan(y * width, width);
            int left = row[0] = (ushort)(above[0] + reader.DecodeDifference(table));
            for (var x = 1; x < row.Length && x < above.Length; x++)
                left = row[x] = (ushort)(TPredictor.Predict(left, above[x], above[x - 1]) + reader.DecodeDifference(table));
            if (reader.HasOverrun) throw new PixelDataException($"JPEG scan data is truncated at row {y} of {height}");
        }
    }

    private static void DecodeGeneral(ref JpegBitReader reader, ushort[][] scanPlanes, JpegHuffmanDecodingTable[] scanTables,
        int predictor, int width, int height, int initial, int restartInterval)
    {
        var count = scanPlanes.Length;
        var untilRestart = restartInterval;
        var nextRestart = 0;
        var reset = true;
        for (var y = 0; y < height; y++)
        {
            var firstLine = y == 0;
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                if (restartInterval > 0)
                {
                    if (untilRestart == 0)
                    {
                        reader.Restart(nextRestart);
                        nextRestart = (nextRestart + 1) & 7;
                        untilRestart = restartInterval;
                        reset = true;
                        firstLine = true;
                    }
                    untilRestart--;
                }
                var index = row + x;
                for (var c = 0; c < count; c++)
                {
                    var plane = scanPlanes[c];
                    var difference = reader.DecodeDifference(scanTables[c]);
                    int prediction;
                    if (reset) prediction = initial;
                    else if (firstLine) prediction = plane[index - 1];
                    else if (x == 0) prediction = plane[index - width];
                    else
                    {
                        int ra = plane[index - 1], rb = plane[index - width], rc = plane[index - width - 1];
                        prediction = predictor switch
                        {
                            1 => ra,
                            2 => rb,
                            3 => rc,
                            4 => Plane.Predict(ra, rb, rc),
                            5 => LeftHalfGradient.Predict(ra, rb, rc),
                            6 => AboveHalfGradient.Predict(ra, rb, rc),
                            _ => Average.Predict(ra, rb, rc),
                        };
                    }
                    // Reconstruction is modulo 2^16 (T.81 H.2.1).
                    plane[index] = (ushort)(prediction + difference);
                }
                reset = false;
            }
            if (reader.HasOverrun) throw new PixelDataException($"JPEG scan data is truncated at row {y} of {height}");
        }
    }

    // The seven predictors of T.81 Table H.1 (Ra left, Rb above, Rc above-left); as type parameters the JIT
    // compiles one loop per predictor with the prediction inlined.
    private interface IPredictor
    {
        static abstract int Predict(int ra, int rb, int rc);
    }

    private readonly struct Left : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => ra;
    }

    private readonly struct Above : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => rb;
    }

    private readonly struct AboveLeft : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => rc;
    }

    private readonly struct Plane : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => ra + rb - rc;
    }

    private readonly struct LeftHalfGradient : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => ra + ((rb - rc) >> 1);
    }

    private readonly struct AboveHalfGradient : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => rb + ((ra - rc) >> 1);
    }

    private readonly struct Average : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => (ra + rb) >> 1;
    }

    /// <summary>After a scan: the next marker that is not a restart marker (T.81 B.1.1.2).</summary>
    private static int SkipToMarker(ReadOnlySpan<byte> data, int position)
    {
        while (position + 1 < data.Length)
        {
            if (data[position] == 0xFF && data[position + 1] is not (0x00 or 0xFF) and not (>= 0xD0 and <= 0xD7)) return position;
            position++;
        }
        return data.Length;
    }
}
