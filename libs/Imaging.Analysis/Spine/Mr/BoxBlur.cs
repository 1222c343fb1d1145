namespace Imaging.Analysis.Spine.Mr;

/// <summary>Repeated separable box blur (three passes approximate a Gaussian), running sums so the cost does not grow with the radius.</summary>
internal static class BoxBlur
{
    public static void Apply(float[] image, int width, int height, int radius, int passes)
    {
        var line = new float[Math.Max(width, height)];
        for (var pass = 0; pass < passes; pass++)
        {
            for (var y = 0; y < height; y++) Line(image, y * width, 1, width, radius, line);
            for (var x = 0; x < width; x++) Line(image, x, width, height, radius, line);
        }
    }

    private static void Line(float[] image, int start, int stride, int count, int radius, float[] buffer)
    {
        for (var i = 0; i < count; i++) buffer[i] = image[start + i * stride];
        double sum = 0;
        var inWindow = 0;
        for (var i = 0; i < Math.Min(radius, count); i++) { sum += buffer[i]; inWindow++; }
        for (var i = 0; i < count; i++)
        {
            var enter = i + radius;
            if (enter < count) { sum += buffer[enter]; inWindow++; }
            var leave = i - radius - 1;
            if (leave >= 0) { sum -= buffer[leave]; inWindow--; }
            image[start + i * stride] = (float)(sum / inWindow);
        }
    }
}
