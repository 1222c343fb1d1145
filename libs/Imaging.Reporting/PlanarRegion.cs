namespace Imaging.Reporting;

/// <summary>A region of interest on one frame of a source image, in that frame's pixel coordinates.</summary>
/// <remarks>Coordinates are (column,row) with the SCOORD convention: (0,0) is the top-left corner of the top-left pixel,
/// so the centre of 0-based pixel (x, y) is (x + 0.5, y + 0.5). Use <see cref="AtPixelCentre"/> for pixel indices.</remarks>
public sealed record PlanarRegion
{
    private PlanarRegion(RegionShape shape, SourceImage image, int frameNumber, IReadOnlyList<(double Column, double Row)> points)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (frameNumber < 1 || frameNumber > image.NumberOfFrames)
            throw new ArgumentOutOfRangeException(nameof(frameNumber), frameNumber, $"Frame numbers are 1-based; the image has {image.NumberOfFrames} frame(s).");
        foreach (var (c, r) in points)
        {
            if (!double.IsFinite(c) || !double.IsFinite(r) || c < 0 || r < 0 || c > image.Columns || r > image.Rows)
                throw new ArgumentOutOfRangeException(nameof(points), $"({c}, {r}) lies outside the {image.Columns} x {image.Rows} image.");
        }
        Shape = shape;
        Image = image;
        FrameNumber = frameNumber;
        Points = points;
    }

    public RegionShape Shape { get; }

    public SourceImage Image { get; }

    /// <summary>1-based frame of <see cref="Image"/> the region lies on (Referenced Frame Number).</summary>
    public int FrameNumber { get; }

    /// <summary>The vertices as given (a polygon is not closed here; the writer closes it).</summary>
    public IReadOnlyList<(double Column, double Row)> Points { get; }

    public static PlanarRegion Point(SourceImage image, int frameNumber, double column, double row) =>
        new(RegionShape.Point, image, frameNumber, [(column, row)]);

    public static PlanarRegion Polygon(SourceImage image, int frameNumber, IEnumerable<(double Column, double Row)> vertices)
    {
        var list = vertices?.ToArray() ?? throw new ArgumentNullException(nameof(vertices));
        if (list.Length > 1 && list[0] == list[^1]) list = list[..^1];
        if (list.Length < 3) throw new ArgumentException("A polygon needs at least three distinct vertices.", nameof(vertices));
        return new(RegionShape.Polygon, image, frameNumber, list);
    }

    /// <summary>A circle around a centre; the perimeter point is written to the right of the centre, or (near the right
    /// or bottom edge, where every SCOORD point must still lie on the image) left, below or above it.</summary>
    public static PlanarRegion Circle(SourceImage image, int frameNumber, double centreColumn, double centreRow, double radius)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!double.IsFinite(radius) || radius <= 0) throw new ArgumentOutOfRangeException(nameof(radius), radius, "The radius must be positive.");
        (double, double) perimeter = centreColumn + radius <= image.Columns ? (centreColumn + radius, centreRow)
            : centreColumn - radius >= 0 ? (centreColumn - radius, centreRow)
            : centreRow + radius <= image.Rows ? (centreColumn, centreRow + radius)
            : (centreColumn, centreRow - radius);
        return new(RegionShape.Circle, image, frameNumber, [(centreColumn, centreRow), perimeter]);
    }

    /// <summary>The SCOORD position of the centre of 0-based pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static (double Column, double Row) AtPixelCentre(int x, int y) => (x + 0.5, y + 0.5);
}
