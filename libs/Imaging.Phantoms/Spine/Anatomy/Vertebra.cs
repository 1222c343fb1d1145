namespace Imaging.Phantoms.Spine.Anatomy;

/// <summary>One placed vertebra: its body as an elliptic cylinder in its own frame (axis along the spine's tangent), whose
/// two end plates move towards each other where a fracture removed height, plus what lies inside (cement, a lesion).</summary>
internal sealed record Vertebra
{
    /// <summary>Heights are read where every fracture profile is flat: within the outer tenth of the depth and at the centre.</summary>
    public const double RimFraction = 0.9;

    /// <summary>Profiles change only inside this fraction of the half-depth (the rims outside it keep their height).</summary>
    private const double ProfileFraction = 0.8;

    public required string Name { get; init; }
    public required SpineRegion Region { get; init; }
    public required VertebraSize Size { get; init; }
    public required LocalFrame Frame { get; init; }

    /// <summary>Height the body would have intact (the reference for its height loss).</summary>
    public required double IntactHeight { get; init; }

    /// <summary>Height the stack gives it: the intact height, or less for a crush fracture (the spine above settles).</summary>
    public required double StackHeight { get; init; }

    public VertebralFractureType Fracture { get; init; }

    /// <summary>Lost fraction of the height, 0–1.</summary>
    public double Loss { get; init; }

    public bool HasRib { get; init; }

    /// <summary>True for S2–S5 and for S1's lower plate: fused bone, no cortical end plate between segments.</summary>
    public bool FusedBelow { get; init; }
    public bool FusedAbove { get; init; }

    /// <summary>Cement spheres in local coordinates (lateral, anterior, axial) with radii.</summary>
    public IReadOnlyList<(V3 Centre, double Radius)> Cement { get; init; } = [];

    public (V3 Centre, double Radius, float Hu, SpineLesionKind Kind)? Lesion { get; init; }

    public double HalfWidth => Size.Width / 2;
    public double HalfDepth => Size.Depth / 2;

    /// <summary>Distance from the body's centre to the centre of the spinal canal along the anterior axis (negative: behind).</summary>
    public double CanalOffset => -(HalfDepth + 1 + Size.CanalDepth / 2);

    /// <summary>Fraction of the stack height left at a point of the cross-section (<paramref name="a"/> anterior and
    /// <paramref name="b"/> lateral, both normalised to the half-axes).</summary>
    public double Profile(double a, double b) => Fracture switch
    {
        VertebralFractureType.Wedge => 1 - Loss * Math.Clamp((a + ProfileFraction) / (2 * ProfileFraction), 0, 1),
        VertebralFractureType.Biconcave => 1 - Loss * Math.Max(0, 1 - (a * a + b * b) / (ProfileFraction * ProfileFraction)),
        _ => 1,
    };

    /// <summary>Half the body's height at a point of the cross-section; the end plates lie at ± this along the axis.</summary>
    public double HalfHeight(double a, double b) => StackHeight * Profile(a, b) / 2;

    public double AnteriorHeight => 2 * HalfHeight(RimFraction, 0);
    public double MiddleHeight => 2 * HalfHeight(0, 0);
    public double PosteriorHeight => 2 * HalfHeight(-RimFraction, 0);

    /// <summary>How far an end plate sinks at most below the stack's plate (what the neighbouring disc fills).</summary>
    public double MaximumCollapse => Fracture is VertebralFractureType.Wedge or VertebralFractureType.Biconcave ? StackHeight * Loss / 2 : 0;

    public V3 TopCentre => Frame.ToPatient(0, 0, StackHeight / 2);
    public V3 BottomCentre => Frame.ToPatient(0, 0, -StackHeight / 2);

    /// <summary>Centroid (local) and volume (mm³) of the body, integrated over the cross-section.</summary>
    public (V3 Centroid, double Volume) Solid()
    {
        const int n = 120;
        double sum = 0, sa = 0, sb = 0;
        for (var i = 0; i < n; i++)
        {
            var a = -1 + (i + 0.5) * 2 / n;
            for (var j = 0; j < n; j++)
            {
                var b = -1 + (j + 0.5) * 2 / n;
                if (a * a + b * b > 1) continue;
                var h = 2 * HalfHeight(a, b);
                sum += h;
                sa += a * h;
                sb += b * h;
            }
        }
        var cell = 2.0 / n * HalfDepth * (2.0 / n) * HalfWidth;
        return (new V3(sb / sum * HalfWidth, sa / sum * HalfDepth, 0), sum * cell);
    }

    /// <summary>An end plate as the plane through its rim points at ±<see cref="RimFraction"/> of the depth; the normal
    /// points cranially for both plates.</summary>
    public (V3 Point, V3 Normal) EndPlate(bool superior)
    {
        var sign = superior ? 1 : -1;
        var front = new V3(0, RimFraction * HalfDepth, sign * HalfHeight(RimFraction, 0));
        var back = new V3(0, -RimFraction * HalfDepth, sign * HalfHeight(-RimFraction, 0));
        var mid = (front + back) * 0.5;
        var along = front - back;
        var normalLocal = new V3(0, -along.Z, along.Y).Normalized();
        return (Frame.ToPatient(mid.X, mid.Y, mid.Z), Frame.DirectionToPatient(normalLocal.X, normalLocal.Y, normalLocal.Z));
    }
}
