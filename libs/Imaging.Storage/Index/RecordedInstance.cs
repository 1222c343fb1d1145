namespace Imaging.Storage;

/// <summary>The outcome of indexing one instance.</summary>
/// <param name="Replaced">The SOP Instance UID was already indexed: its row was updated, nothing was added.</param>
/// <param name="SeriesReadyVersion">The series' ready version after this instance (0 while it has never been ready).</param>
public sealed record RecordedInstance(bool Replaced, int SeriesReadyVersion);
