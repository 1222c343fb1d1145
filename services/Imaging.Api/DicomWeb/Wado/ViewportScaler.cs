using Imaging.Dicom.Rendering;

namespace Imaging.Api.DicomWeb;

/// <summary>Scales a rendered frame to fit inside a viewport, keeping its aspect ratio: box averaging when shrinking (no
/// aliasing on thumbnails of large images), bilinear when enlarging. ImageSharp only encodes.</summary>
internal static class ViewportScaler
{
    public static RenderedFrame Fit(RenderedFrame frame, int viewportWidth, int viewportHeight)
    {
        var scale = Math.Min((double)viewportWidth / frame.Width, (double)viewportHeight / frame.Height);
        var width = Math.Clamp((int)Math.Round(frame.Width * scale), 1, viewportWidth);
        var height = Math.Clamp((int)Math.Round(frame.Height * scale), 1, viewportHeight);
        if (width == frame.Width && height == frame.Height) return frame;
        return scale < 1 ? Shrink(frame, width, height) : Enlarge(frame, width, height);
    }

    private static RenderedFrame Shrink(RenderedFrame frame, int width, int height)
    {
        var channels = frame.Channels;
        var source = frame.Pixels;
        var output = new byte[width * height * channels];
        var sums = new long[channels];
        for (var y = 0; y < height; y++)
        {
            var y0 = (int)((long)y * frame.Height / height);
            var y1 = Math.Max(y0 + 1, (int)((long)(y + 1) * frame.Height / height));
            for (var x = 0; x < width; x++)
            {
                var x0 = (int)((long)x * frame.Width / width);
                var x1 = Math.Max(x0 + 1, (int)((long)(x + 1) * frame.Width / width));
                Array.Clear(sums);
                for (var sy = y0; sy < y1; sy++)
                {
                    var row = sy * frame.Width * channels;
                    for (var sx = x0; sx < x1; sx++)
                    {
                        for (var c = 0; c < channels; c++) sums[c] += source[row + sx * channels + c];
                    }
                }
                var count = (long)(y1 - y0) * (x1 - x0);
                var target = (y * width + x) * channels;
                for (var c = 0; c < channels; c++) output[target + c] = (byte)((sums[c] + count / 2) / count);
            }
        }
        return new RenderedFrame(width, height, channels, output);
    }

    private static RenderedFrame Enlarge(RenderedFrame frame, int width, int height)
    {
        var channels = frame.Channels;
        var source = frame.Pixels;
        var output = new byte[width * height * channels];
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Max(0, (y + 0.5) * frame.Height / height - 0.5);
            var y0 = Math.Min((int)fy, frame.Height - 1);
            var y1 = Math.Min(y0 + 1, frame.Height - 1);
            var wy = fy - y0;
            for (var x = 0; x < width; x++)
            {
                var fx = Math.Max(0, (x + 0.5) * frame.Width / width - 0.5);
                var x0 = Math.Min((int)fx, frame.Width - 1);
                var x1 = Math.Min(x0 + 1, frame.Width - 1);
                var wx = fx - x0;
                for (var c = 0; c < channels; c++)
                {
                    double At(int px, int py) => source[(py * frame.Width + px) * channels + c];
                    var top = At(x0, y0) * (1 - wx) + At(x1, y0) * wx;
                    var bottom = At(x0, y1) * (1 - wx) + At(x1, y1) * wx;
                    output[(y * width + x) * channels + c] = (byte)Math.Round(top * (1 - wy) + bottom * wy);
                }
            }
        }
        return new RenderedFrame(width, height, channels, output);
    }
}
