namespace Imaging.Phantoms.Spine.Anatomy;

/// <summary>Sizes of one vertebra in mm (unscaled adult values): body height, depth (AP) and width, the disc below it,
/// the spinal canal, and the posterior elements.</summary>
internal readonly record struct VertebraSize(
    double Height, double Depth, double Width, double DiscBelow,
    double CanalWidth, double CanalDepth, double ArchThickness,
    double SpinousLength, double SpinousSlopeDegrees, double SpinousHeight, double TransverseLength)
{
    /// <summary>Sizes grow from C3 to L5 (published morphometry, rounded): keypoints per region interpolated by the level's
    /// fraction along its region, so a 13th thoracic or 6th lumbar vertebra fits in without a table of its own.</summary>
    public static VertebraSize For(SpineRegion region, double fraction) => region switch
    {
        SpineRegion.Cervical => Lerp(Cervical[0], Cervical[1], fraction),
        SpineRegion.Thoracic => fraction < 5.0 / 11 ? Lerp(Thoracic[0], Thoracic[1], fraction / (5.0 / 11)) : Lerp(Thoracic[1], Thoracic[2], (fraction - 5.0 / 11) / (6.0 / 11)),
        SpineRegion.Lumbar => fraction < 0.5 ? Lerp(Lumbar[0], Lumbar[1], fraction * 2) : Lerp(Lumbar[1], Lumbar[2], (fraction - 0.5) * 2),
        _ => throw new ArgumentOutOfRangeException(nameof(region)),
    };

    //                                  height depth width disc  canalW canalD arch spinL slope spinH transv
    private static readonly VertebraSize[] Cervical = [new(14.0, 16.0, 19, 5.0, 24, 14, 4, 15, 20, 7, 10), new(15.0, 17.5, 24, 5.5, 22, 14, 4, 30, 25, 8, 14)];
    private static readonly VertebraSize[] Thoracic = [new(17.0, 17.0, 26, 4.0, 17, 15, 5, 32, 45, 8, 24), new(19.5, 25.0, 30, 4.5, 16, 15, 5, 36, 55, 8, 20), new(24.0, 30.0, 40, 7.0, 19, 16, 5, 30, 25, 10, 12)];
    private static readonly VertebraSize[] Lumbar = [new(25.5, 31.0, 42, 9.0, 22, 16, 6, 30, 10, 14, 22), new(27.5, 34.0, 47, 11.0, 23, 16, 6, 32, 8, 15, 28), new(27.0, 35.0, 50, 10.5, 25, 17, 6, 26, 5, 13, 20)];

    /// <summary>The sacral segments S1–S5 (fused: no discs).</summary>
    public static VertebraSize Sacral(int segment) => segment switch
    {
        1 => new(28, 35, 50, 0, 28, 13, 5, 14, 20, 8, 0),
        2 => new(22, 30, 40, 0, 24, 10, 4, 12, 20, 7, 0),
        3 => new(18, 24, 32, 0, 18, 8, 0, 0, 0, 0, 0),
        4 => new(14, 18, 25, 0, 0, 0, 0, 0, 0, 0, 0),
        _ => new(11, 14, 18, 0, 0, 0, 0, 0, 0, 0, 0),
    };

    public VertebraSize Scaled(double s) => new(Height * s, Depth * s, Width * s, DiscBelow * s, CanalWidth * s, CanalDepth * s, ArchThickness * s,
        SpinousLength * s, SpinousSlopeDegrees, SpinousHeight * s, TransverseLength * s);

    private static VertebraSize Lerp(VertebraSize a, VertebraSize b, double t)
    {
        t = Math.Clamp(t, 0, 1);
        double L(double x, double y) => x + (y - x) * t;
        return new(L(a.Height, b.Height), L(a.Depth, b.Depth), L(a.Width, b.Width), L(a.DiscBelow, b.DiscBelow), L(a.CanalWidth, b.CanalWidth),
            L(a.CanalDepth, b.CanalDepth), L(a.ArchThickness, b.ArchThickness), L(a.SpinousLength, b.SpinousLength),
            L(a.SpinousSlopeDegrees, b.SpinousSlopeDegrees), L(a.SpinousHeight, b.SpinousHeight), L(a.TransverseLength, b.TransverseLength));
    }
}
