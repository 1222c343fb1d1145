using System.Globalization;
using Imaging.Dicom.Rendering;
using Microsoft.AspNetCore.Http;

namespace Imaging.Api.DicomWeb;

/// <summary>The rendered resource's query parameters (PS3.18 section 8.3.5.1): <c>window=center,width,function</c>,
/// <c>viewport=vw,vh</c> and <c>quality</c>.</summary>
internal sealed record RenderParameters(VoiWindow? Window, int? ViewportWidth, int? ViewportHeight, int Quality)
{
    public static bool TryParse(IQueryCollection query, int maxViewport, out RenderParameters parameters, out (string Name, string Message) error)
    {
        parameters = new RenderParameters(null, null, null, RenderedFrameEncoder.DefaultJpegQuality);
        error = default;
        VoiWindow? window = null;
        int? width = null, height = null;
        var quality = RenderedFrameEncoder.DefaultJpegQuality;

        if (Single(query, "window", ref error) is { } windowText)
        {
            var parts = windowText.Split(',');
            if (parts.Length is < 2 or > 3 || !TryDouble(parts[0], out var center) || !TryDouble(parts[1], out var w) || w < 1
                || !TryFunction(parts.Length == 3 ? parts[2] : "linear", out var function))
            {
                error = ("window", "must be center,width[,function]: numbers, width at least 1, function linear, linear-exact or sigmoid");
                return false;
            }
            window = new VoiWindow(center, w, function);
        }
        else if (error.Name is not null) return false;

        if (Single(query, "viewport", ref error) is { } viewportText)
        {
            var parts = viewportText.Split(',');
            if (parts.Length != 2 || !TryInt(parts[0], out var vw) || !TryInt(parts[1], out var vh) || vw < 1 || vh < 1 || vw > maxViewport || vh > maxViewport)
            {
                error = ("viewport", $"must be vw,vh: two whole numbers from 1 to {maxViewport} (source regions are not supported)");
                return false;
            }
            (width, height) = (vw, vh);
        }
        else if (error.Name is not null) return false;

        if (Single(query, "quality", ref error) is { } qualityText)
        {
            if (!TryInt(qualityText, out quality) || quality is < 1 or > 100)
            {
                error = ("quality", "must be a whole number from 1 to 100");
                return false;
            }
        }
        else if (error.Name is not null) return false;

        parameters = new RenderParameters(window, width, height, quality);
        return true;
    }

    private static string? Single(IQueryCollection query, string name, ref (string Name, string Message) error)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count != 1 || values[0] is not { Length: > 0 and <= 100 } value)
        {
            error = (name, "must be given once, at most 100 characters");
            return null;
        }
        return value;
    }

    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryFunction(string text, out VoiLutFunction function)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "linear": function = VoiLutFunction.Linear; return true;
            case "linear-exact": function = VoiLutFunction.LinearExact; return true;
            case "sigmoid": function = VoiLutFunction.Sigmoid; return true;
            default: function = default; return false;
        }
    }
}
