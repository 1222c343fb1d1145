namespace Imaging.Analysis.Spine.Volume;

/// <summary>One decoded slice (an image or a frame) with its geometry: HU values in a pooled buffer of Rows × Columns.</summary>
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

    /// <summary>Rows × Columns HU values (rented; longer than needed).</summary>
    public required float[] Hu { get; init; }

    /// <summary>Distance along the common normal, mm: the sort key.</summary>
    public double Distance { get; set; }
}
