using System.Text.Json;
using Imaging.Dicom.IO;

namespace Imaging.Phantoms.Spine.Mr;

/// <summary>A generated sagittal MR spine series: one instance per slice (patient's right first) and its ground truth.</summary>
public sealed class SpineMrStudy
{
    internal SpineMrStudy(SpineMrPhantomOptions options, IReadOnlyList<DicomFile> instances, SpineMrGroundTruth groundTruth)
    {
        Options = options;
        Instances = instances;
        GroundTruth = groundTruth;
    }

    public SpineMrPhantomOptions Options { get; }

    /// <summary>Explicit VR Little Endian MR slices, instance number 1 first.</summary>
    public IReadOnlyList<DicomFile> Instances { get; }

    public SpineMrGroundTruth GroundTruth { get; }

    public string GroundTruthJson() => JsonSerializer.Serialize(GroundTruth, SpineMrJsonContext.Default.SpineMrGroundTruth);

    /// <summary>Writes every slice as <c>{prefix}-{nnnn}.dcm</c> and the truth as <c>{prefix}-truth.json</c> into
    /// <paramref name="directory"/> (created when missing); returns the slice paths.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(string directory, string prefix = "spinemr", CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>(Instances.Count);
        for (var i = 0; i < Instances.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, $"{prefix}-{i + 1:D4}.dcm");
            await File.WriteAllBytesAsync(path, ToBytes(i), cancellationToken);
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
