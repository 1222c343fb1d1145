namespace Imaging.Analysis.Spine;

/// <summary>Vertebral bodies labelled on a volume's voxel grid: the meeting point of the three ways bodies are found (the
/// classical CT method, the classical MR method, a DICOM SEG made elsewhere), so heights, grades and comparisons are
/// measured by one code path whatever found the bodies.</summary>
/// <param name="SizeX">Voxels along the grid's first axis (fastest in <paramref name="Labels"/>).</param>
/// <param name="Labels">One byte per voxel, x fastest then y then z; 0 is no body, otherwise a key of <paramref name="Levels"/>.</param>
/// <param name="Levels">Label value → level name ("C2" … "L5", "L6", "T13", "S1").</param>
/// <param name="Source">What found the bodies: <c>ct-classical</c>, <c>mr-classical</c> or <c>seg</c>.</param>
public sealed record VertebralBodyLabels(
    int SizeX,
    int SizeY,
    int SizeZ,
    byte[] Labels,
    IReadOnlyDictionary<byte, string> Levels,
    string Source)
{
    /// <summary>Throws when the label array does not match the sizes or uses a label without a level name, so a damaged
    /// segmentation never reaches the measurements.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Labels);
        ArgumentNullException.ThrowIfNull(Levels);
        if (SizeX <= 0 || SizeY <= 0 || SizeZ <= 0)
            throw new ArgumentException($"Label grid {SizeX}×{SizeY}×{SizeZ} is empty.");
        long expected = (long)SizeX * SizeY * SizeZ;
        if (Labels.LongLength != expected)
            throw new ArgumentException($"Label grid {SizeX}×{SizeY}×{SizeZ} needs {expected} labels, got {Labels.LongLength}.");
        Span<bool> seen = stackalloc bool[256];
        foreach (var label in Labels) seen[label] = true;
        for (var value = 1; value < 256; value++)
            if (seen[value] && !Levels.ContainsKey((byte)value))
                throw new ArgumentException($"Label {value} has no level name.");
    }
}
