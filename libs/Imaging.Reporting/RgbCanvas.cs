namespace Imaging.Reporting;

/// <summary>An interleaved 8-bit RGB raster with the few primitives key images need; writes outside it are clipped.</summary>
internal sealed class RgbCanvas
{
    public RgbCanvas(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 3)];
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    private int _clipLeft, _clipTop, _clipRight = int.MaxValue, _clipBottom = int.MaxValue;

    /// <summary>Restricts drawing to a rectangle (one view), so a mark near a view's edge never spills into its neighbour.</summary>
    public void Clip(int left, int top, int width, int height)
    {
        _clipLeft = left;
        _clipTop = top;
        _clipRight = left + width;
        _clipBottom = top + height;
    }

    public void Set(int x, int y, RgbColor color)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) return;
        if (x < _clipLeft || x >= _clipRight || y < _clipTop || y >= _clipBottom) return;
        var i = (y * Width + x) * 3;
        Pixels[i] = color.R;
        Pixels[i + 1] = color.G;
        Pixels[i + 2] = color.B;
    }

    /// <summary>Copies a grayscale (1 channel) or RGB (3 channels) frame with its top-left corner at (<paramref name="left"/>, 0).</summary>
    public void Blit(byte[] source, int width, int height, int channels, int left)
    {
        for (var y = 0; y < height && y < Height; y++)
        {
            for (var x = 0; x < width && left + x < Width; x++)
            {
                var s = (y * width + x) * channels;
                var d = (y * Width + left + x) * 3;
                if (channels == 1)
                {
                    Pixels[d] = Pixels[d + 1] = Pixels[d + 2] = source[s];
                }
                else
                {
                    Pixels[d] = source[s];
                    Pixels[d + 1] = source[s + 1];
                    Pixels[d + 2] = source[s + 2];
                }
            }
        }
    }

    /// <summary>A ring two pixels thick (radii r and r + 1) by the midpoint circle method, so it stays visible at small sizes;
    /// <paramref name="dashed"/> leaves every other 2-pixel step of each octant out.</summary>
    public void Circle(int cx, int cy, int radius, RgbColor color, bool dashed = false)
    {
        for (var r = Math.Max(radius, 1); r <= Math.Max(radius, 1) + 1; r++)
        {
            int x = r, y = 0, error = 1 - r;
            while (x >= y)
            {
                if (dashed && (y / 2) % 2 == 1)
                {
                    y++;
                    if (error < 0) error += 2 * y + 1;
                    else
                    {
                        x--;
                        error += 2 * (y - x) + 1;
                    }
                    continue;
                }
                Set(cx + x, cy + y, color); Set(cx - x, cy + y, color);
                Set(cx + x, cy - y, color); Set(cx - x, cy - y, color);
                Set(cx + y, cy + x, color); Set(cx - y, cy + x, color);
                Set(cx + y, cy - x, color); Set(cx - y, cy - x, color);
                y++;
                if (error < 0) error += 2 * y + 1;
                else
                {
                    x--;
                    error += 2 * (y - x) + 1;
                }
            }
        }
    }

    public void Cross(int cx, int cy, int arm, RgbColor color)
    {
        arm = Math.Max(arm, 2);
        for (var d = -arm; d <= arm; d++)
        {
            Set(cx + d, cy, color);
            Set(cx, cy + d, color);
        }
    }
}
