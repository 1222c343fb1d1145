using Imaging.Analysis.Metadata;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Spine;

namespace Imaging.Analysis.Tests.Spine.Volume;

/// <summary>Turns phantom slices into a <see cref="SeriesInput"/> the way the worker would see them (Part 10 bytes behind
/// streams), in the order given.</summary>
public static class PhantomSeries
{
    /// <summary>A small, quick thoracolumbar phantom: T9–T11, 128 × 128 pixels of 1.2 mm, 2 mm slices, no noise or blur.</summary>
    public static readonly SpineCtPhantomOptions Small = new()
    {
        FirstLevel = "T9",
        LastLevel = "T11",
        Rows = 128,
        Columns = 128,
        PixelSpacingMm = 1.2,
        NoiseSigmaHu = 0,
        BlurFwhmMm = 0,
        Lesions = [new SpineLesion("T10", SpineLesionKind.Blastic, 6)],
    };

    public static SeriesInput Input(IEnumerable<DicomFile> files) => Input(files.Select(ToBytes));

    public static SeriesInput Input(IEnumerable<byte[]> parts) =>
        SeriesMetadataExtractor.Extract(parts.Select((bytes, i) => InstanceFile.FromStream($"slice-{i}", () => new MemoryStream(bytes, writable: false))),
            CancellationToken.None);

    public static byte[] ToBytes(DicomFile file)
    {
        using var buffer = new MemoryStream();
        DicomFileWriter.Write(buffer, file);
        return buffer.ToArray();
    }

    /// <summary>A deterministic shuffle (Fisher–Yates with a fixed LCG), so a failure reproduces.</summary>
    public static List<T> Shuffled<T>(IEnumerable<T> items, int seed)
    {
        var list = items.ToList();
        var state = (uint)seed;
        for (var i = list.Count - 1; i > 0; i--)
        {
            state = state * 1664525 + 1013904223;
            var j = (int)(state % (uint)(i + 1));
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
