namespace Imaging.Reporting;

/// <summary>An analysed instance: what the image library and the evidence sequence list, and what ROIs are selected from.</summary>
/// <param name="NumberOfFrames">Frames in the instance (1 for a single-frame image); frame references are checked against it.</param>
public sealed record SourceImage(string SopClassUid, string SopInstanceUid, string SeriesInstanceUid, int Columns, int Rows, int NumberOfFrames);
