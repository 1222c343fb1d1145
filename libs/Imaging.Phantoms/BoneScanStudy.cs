using System.Text.Json;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Truth;

namespace Imaging.Phantoms;

/// <summary>A generated phantom study: its DICOM instances, ground truth, and the images behind them.</summary>
public sealed class BoneScanStudy
{
    private readonly Dictionary<PhantomView, Rendering.ViewRender> _views;

    internal BoneScanStudy(BoneScanPhantomOptions options, IReadOnlyList<PhantomLesion> lesions, IReadOnlyList<DicomFile> instances,
        BoneScanGroundTruth groundTruth, IReadOnlyList<Rendering.ViewRender> views, Dicom.StudyIdentity identity)
    {
        Options = options;
        Lesions = lesions;
        Instances = instances;
        GroundTruth = groundTruth;
        Identity = identity;
        _views = views.ToDictionary(v => v.View);
    }

    /// <summary>The options the study was made from (lesions resolved: never null).</summary>
    public BoneScanPhantomOptions Options { get; }

    /// <summary>The lesions drawn, in body coordinates (what a follow-up starts from).</summary>
    public IReadOnlyList<PhantomLesion> Lesions { get; }

    /// <summary>One two-frame instance, or one instance per view, in Explicit VR Little Endian.</summary>
    public IReadOnlyList<DicomFile> Instances { get; }

    public BoneScanGroundTruth GroundTruth { get; }

    internal Dicom.StudyIdentity Identity { get; }

    /// <summary>Counts as stored for a view (row-major, the view's own frame: the posterior frame is mirrored).</summary>
    public ReadOnlySpan<ushort> Counts(PhantomView view) => _views[view].Counts;

    /// <summary>Noiseless expected counts for a view, as stored orientation; <paramref name="withLesions"/> false leaves
    /// the lesions out (the same normal scan).</summary>
    public float[] ExpectedCounts(PhantomView view, bool withLesions = true)
    {
        var render = _views[view];
        var result = (float[])render.ExpectedBackground.Clone();
        if (withLesions)
            for (var i = 0; i < result.Length; i++) result[i] += render.ExpectedLesions[i];
        return result;
    }

    public string GroundTruthJson() => JsonSerializer.Serialize(GroundTruth, PhantomJsonContext.Default.BoneScanGroundTruth);

    /// <summary>Writes every instance as <c>{prefix}-{n}.dcm</c> and the ground truth as <c>{prefix}-truth.json</c> into
    /// <paramref name="directory"/> (created when missing); returns the instance paths.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(string directory, string prefix = "bonescan", CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        for (var i = 0; i < Instances.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, $"{prefix}-{i + 1}.dcm");
            await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                using var buffer = new MemoryStream();
                DicomFileWriter.Write(buffer, Instances[i]);
                buffer.Position = 0;
                await buffer.CopyToAsync(stream, cancellationToken);
            }
            paths.Add(path);
        }
        await File.WriteAllTextAsync(Path.Combine(directory, $"{prefix}-truth.json"), GroundTruthJson(), cancellationToken);
        return paths;
    }

    /// <summary>The instance bytes as a Part 10 file.</summary>
    public byte[] ToBytes(int instance = 0)
    {
        using var buffer = new MemoryStream();
        DicomFileWriter.Write(buffer, Instances[instance]);
        return buffer.ToArray();
    }
}
