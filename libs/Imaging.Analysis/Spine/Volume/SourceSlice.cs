namespace Imaging.Analysis.Spine.Volume;

/// <summary>One decoded slice (an image or a frame) with its geometry and HU values.</summary>
internal sealed class SourceSlice
{
    public required string Instance { get; init; }
    public required int InstanceNumber { get; init; }
    public required int Frame { get; init; }
    public required double[] Position { get; init; }
    public required double[] Orientation { get; init; }
    public required double RowSpacing { get; init; }
    public required double ColumnSpacing { get; init; }
    public required int Rows { get; init; }
    public required int Columns { get; init; }
    public double? Thickness { get; init; }

    /// <summary>Where the Rows × Columns HU values start in <see cref="Buffer"/>.</summary>
    public required float[] Buffer { get; init; }

    public required int Offset { get; init; }

    public ReadOnlySpan<float> Hu => Buffer.AsSpan(Offset, Rows * Columns);

    /// <summary>Distance along the common normal, mm: the sort key.</summary>
    public double Distance { get; set; }
}
