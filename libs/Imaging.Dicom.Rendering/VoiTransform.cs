namespace Imaging.Dicom.Rendering;

/// <summary>The VOI LUT stage (PS3.3 C.11.2): modality values to 8-bit output values, by a window or a VOI LUT.</summary>
/// <remarks>Outputs stay fractional until the presentation stage (which may invert them) truncates them to whole
/// levels: that is what DCMTK's dcm2pnm does, and matching it exactly lets the tests compare byte for byte.</remarks>
internal sealed class VoiTransform
{
    private const double OutputMaximum = 255;
    private readonly VoiWindow _window;
    private readonly LookupTable? _table;

    private readonly double _slope;
    private readonly double _offset;

    private VoiTransform(VoiWindow window, LookupTable? table)
    {
        _window = window;
        _table = table;
        if (table is null && window.Width > 1)
        {
            // The LINEAR ramp of C.11.2.1.2.1, ((x - (c - 0.5)) / (w - 1) + 0.5) * 255, as one slope and offset: the
            // same arithmetic order as dcm2pnm, so levels that land on a whole number round the same way.
            _slope = OutputMaximum / (window.Width - 1);
            _offset = OutputMaximum / 2 - (window.Center - 0.5) * _slope;
        }
    }

    /// <summary>The window applied, or null when a VOI LUT is.</summary>
    public VoiWindow? Window => _table is null ? _window : null;

    public static VoiTransform FromWindow(VoiWindow window)
    {
        window.Validate();
        return new VoiTransform(window, null);
    }

    public static VoiTransform FromTable(LookupTable table) => new(default, table);

    /// <summary>The output level of modality value <paramref name="x"/>, 0..255, not yet truncated.</summary>
    public double Map(double x)
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
                if (x > c - 0.5 + (w - 1) / 2) return OutputMaximum;
                return Level(x * _slope + _offset);
            case VoiLutFunction.LinearExact:
                // PS3.3 C.11.2.1.3.2.
                if (x <= c - w / 2) return 0;
                if (x > c + w / 2) return OutputMaximum;
                return Level(((x - c) / w + 0.5) * OutputMaximum);
            default:
                // PS3.3 C.11.2.1.3.1.
                return Level(OutputMaximum / (1 + Math.Exp(-4 * (x - c) / w)));
        }
    }

    private static double Level(double y) => Math.Clamp(y, 0, OutputMaximum);

    /// <summary>The whole output level of a fractional one, inverted first when the presentation LUT shape is INVERSE.</summary>
    public static byte Present(double level, bool invert) => (byte)Math.Clamp(invert ? OutputMaximum - level : level, 0, OutputMaximum);
}
