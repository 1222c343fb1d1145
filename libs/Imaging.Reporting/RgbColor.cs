namespace Imaging.Reporting;

/// <summary>An 8-bit RGB colour for marks.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    public static RgbColor Red { get; } = new(255, 0, 0);
    public static RgbColor Yellow { get; } = new(255, 255, 0);
    public static RgbColor Green { get; } = new(0, 255, 0);
    public static RgbColor Grey { get; } = new(170, 170, 170);
}
