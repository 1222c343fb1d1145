using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Imaging.Analysis.Spine.Volume;

/// <summary>One decoded slice (an image or a frame) with its geometry and its values: stored samples of up to 16 bits
/// with their rescale (turned into HU as the resampler reads them, so the series is held at 2 bytes a value and decoded
/// straight into place), or HU already (wider samples).</summary>
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

    /// <summary>Stored 16-bit samples (bit patterns of unsigned ones when <see cref="Unsigned"/>), or null when
    /// <see cref="Values"/> holds HU.</summary>
    public short[]? Stored { get; init; }

    /// <summary>HU values, for samples wider than 16 bits.</summary>
    public float[]? Values { get; init; }

    /// <summary>Where the Rows × Columns values start in <see cref="Stored"/> or <see cref="Values"/>.</summary>
    public required int Offset { get; init; }

    public bool Unsigned { get; init; }
    public float Slope { get; init; } = 1;
    public float Intercept { get; init; }

    public int Length => Rows * Columns;

    /// <summary>Distance along the common normal, mm: the sort key.</summary>
    public double Distance { get; set; }

    /// <summary>The slice in HU (the same arithmetic as the resampler's reads).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CopyHu(Span<float> target)
    {
        if (Values is not null)
        {
            Values.AsSpan(Offset, Length).CopyTo(target);
            return;
        }
        var stored = Stored.AsSpan(Offset, Length);
        if (Unsigned)
        {
            var values = MemoryMarshal.Cast<short, ushort>(stored);
            for (var i = 0; i < values.Length; i++) target[i] = values[i] * Slope + Intercept;
        }
        else
        {
            for (var i = 0; i < stored.Length; i++) target[i] = stored[i] * Slope + Intercept;
        }
    }
}
