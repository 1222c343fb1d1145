namespace Imaging.Deidentification;

/// <summary>A rectangle of burned-in text to blank under Clean Pixel Data, for images of one modality and matrix
/// (null <see cref="Modality"/>, <see cref="Rows"/> or <see cref="Columns"/> match any).</summary>
/// <param name="X">Left column, 0-based.</param>
/// <param name="Y">Top row, 0-based.</param>
public sealed record CleanPixelRegion(string? Modality, int? Rows, int? Columns, int X, int Y, int Width, int Height);
