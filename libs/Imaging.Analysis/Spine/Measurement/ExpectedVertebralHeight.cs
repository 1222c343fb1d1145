using System.Globalization;

namespace Imaging.Analysis.Spine.Measurement;

/// <summary>Typical adult vertebral body heights by level (rounded published morphometry), used only as ratios: a
/// neighbour's height scaled by the ratio of the two levels' typical heights estimates this level's intact height.</summary>
internal static class ExpectedVertebralHeight
{
    public static double Mm(string level)
    {
        if (level.Length < 2 || !int.TryParse(level.AsSpan(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return 20;
        return level[0] switch
        {
            'C' => Lerp(14, 15, (n - 3) / 4.0),
            'T' => n <= 6 ? Lerp(17, 19.5, (n - 1) / 5.0) : Lerp(19.5, 24, (n - 6) / 6.0),
            'L' => n <= 3 ? Lerp(25.5, 27.5, (n - 1) / 2.0) : Lerp(27.5, 27, (n - 3) / 2.0),
            'S' => 28,
            _ => 20,
        };
    }

    private static double Lerp(double a, double b, double t) => a + (b - a) * Math.Clamp(t, 0, 1);
}
