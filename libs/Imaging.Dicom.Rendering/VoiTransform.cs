namespace Imaging.Dicom.Rendering;

/// <summary>The VOI LUT stage (PS3.3 C.11.2): modality values to 8-bit output values, by a window or a VOI LUT.</summary>
/// <remarks>Outputs are truncated, not rounded, to whole levels: that is what DCMTK's dcm2pnm does, and matching it
/// exactly lets the tests compare byte for byte.</remarks>
internal sealed class VoiTransform
{
    private const double OutputMaximum = 255;
    private readonly VoiWindow _window;
    private readonly LookupTable? _table;

    private VoiTransform(VoiWindow window, LookupTable? table)
    {
        _window = window;
        _table = table;
    }

    /// <summary>The window applied, or null when a VOI LUT is.</summary>
    public VoiWindow? Window => _table is null ? _window : null;

    public static VoiTransform FromWindow(VoiWindow window)
    {
        window.Validate();
        return new VoiTransform(window, null);
    }

    public static VoiTransform FromTable(LookupTable table) => new(default, table);

    public byte Map(double x)
    {
        if (_table is not null)
        {
            var entry = _table.Lookup((long)Math.Floor(Math.Clamp(x, int.MinValue, int.MaxValue)));
            return Level(entry * OutputMaximum / _table.MaximumOutput);
        }
        var c = _window.Center;
        var w = _window.Width;
        switch (_window.Function)
        {
            case VoiLutFunction.Linear:
                // PS3.3 C.11.2.1.2.1: the window is centred on c - 0.5 and spans w - 1.
                if (x <= c - 0.5 - (w - 1) / 2) return 0;
                if (x > c - 0.5 + (w - 1) / 2) return (byte)OutputMaximum;
                return Level(((x - (c - 0.5)) / (w - 1) + 0.5) * OutputMaximum);
            case VoiLutFunction.LinearExact:
                // PS3.3 C.11.2.1.3.2.
                if (x <= c - w / 2) return 0;
                if (x > c + w / 2) return (byte)OutputMaximum;
                return Level(((x - c) / w + 0.5) * OutputMaximum);
            default:
                // PS3.3 C.11.2.1.3.1.
                return Level(OutputMaximum / (1 + Math.Exp(-4 * (x - c) / w)));
        }
    }

    private static byte Level(double y) => y <= 0 ? (byte)0 : y >= OutputMaximum ? (byte)OutputMaximum : (byte)y;
}
