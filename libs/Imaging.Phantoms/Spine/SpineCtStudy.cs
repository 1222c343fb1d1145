using System.Text.Json;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Spine.Truth;

namespace Imaging.Phantoms.Spine;

/// <summary>A generated CT spine series: one instance per slice (cranial first) and its ground truth.</summary>
public sealed class SpineCtStudy
{
    internal SpineCtStudy(SpineCtPhantomOptions options, IReadOnlyList<DicomFile> instances, SpineCtGroundTruth groundTruth)
    {
        Options = options;
        Instances = instances;
        GroundTruth = groundTruth;
    }

    public SpineCtPhantomOptions Options { get; }

    /// <summary>Explicit VR Little Endian CT slices, most cranial first (instance number 1), duplicates after their original.</summary>
    public IReadOnlyList<DicomFile> Instances { get; }

    public SpineCtGroundTruth GroundTruth { get; }

    public string GroundTruthJson() => JsonSerializer.Serialize(GroundTruth, SpineJsonContext.Default.SpineCtGroundTruth);

    /// <summary>Writes every slice as <c>{prefix}-{nnnn}.dcm</c> and the truth as <c>{prefix}-truth.json</c> into
    /// <paramref name="directory"/> (created when missing); returns the slice paths.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(string directory, string prefix = "spinect", CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>(Instances.Count);
        using var buffer = new MemoryStream();
        for (var i = 0; i < Instances.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, $"{prefix}-{i + 1:D4}.dcm");
            buffer.SetLength(0);
            DicomFileWriter.Write(buffer, Instances[i]);
            await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
            }
            paths.Add(path);
        }
        await File.WriteAllTextAsync(Path.Combine(directory, $"{prefix}-truth.json"), GroundTruthJson(), cancellationToken);
        return paths;
    }

    /// <summary>One slice as Part 10 bytes.</summary>
    public byte[] ToBytes(int instance)
    {
        using var buffer = new MemoryStream();
        DicomFileWriter.Write(buffer, Instances[instance]);
        return buffer.ToArray();
    }
}
