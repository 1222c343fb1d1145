using System.Runtime.CompilerServices;
using Imaging.Phantoms.Anatomy;

namespace Imaging.Phantoms.Rendering;

/// <summary>Draws projected activity into a float image in the anterior-frame geometry; bones and spots are averaged
/// over 2 × 2 sub-pixels so ribs a few pixels wide keep their area.</summary>
internal sealed class ActivityRenderer(PixelGeometry geometry)
{
    private const int Sub = 2;

    public float[] NewImage() => new float[checked(geometry.Columns * geometry.Rows)];

    /// <summary>Adds a shape to both views at once with each view's amplitude: the profile is computed once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(float[] anterior, float[] posterior, Shape shape, double amplitudeAnterior, double amplitudePosterior)
    {
        if (amplitudeAnterior == 0 && amplitudePosterior == 0) return;
        var (x0, y0, x1, y1) = geometry.PixelBox(shape.Bounds);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var acc = 0.0;
                for (var sy = 0; sy < Sub; sy++)
                {
                    for (var sx = 0; sx < Sub; sx++)
                    {
                        var p = geometry.ToBody(x - 0.5 + (sx + 0.5) / Sub, y - 0.5 + (sy + 0.5) / Sub);
                        acc += shape.Profile(p.X, p.Y);
                    }
                }
                if (acc <= 0) continue;
                var mean = acc / (Sub * Sub);
                var index = y * geometry.Columns + x;
                anterior[index] += (float)(amplitudeAnterior * mean);
                posterior[index] += (float)(amplitudePosterior * mean);
            }
        }
    }

    /// <summary>Soft tissue: the thickest part through each pixel sets the path length L, which emits with self-attenuation
    /// ρ (1 − e^(−μL)) / μ, the same seen from the front or the back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddSoftTissue(float[] image, IReadOnlyList<SoftTissue> parts, double densityPerMm, double attenuationPerMm)
    {
        var thickness = new float[image.Length];
        foreach (var part in parts)
        {
            var (x0, y0, x1, y1) = geometry.PixelBox(part.Shape.Bounds);
            for (var y = y0; y <= y1; y++)
            {
                for (var x = x0; x <= x1; x++)
                {
                    var p = geometry.ToBody(x, y);
                    var l = (float)(part.Shape.Profile(p.X, p.Y) * part.ThicknessMm);
                    ref var t = ref thickness[y * geometry.Columns + x];
                    if (l > t) t = l;
                }
            }
        }
        for (var i = 0; i < image.Length; i++)
            if (thickness[i] > 0) image[i] += (float)(densityPerMm * (1 - Math.Exp(-attenuationPerMm * thickness[i])) / attenuationPerMm);
    }
}
