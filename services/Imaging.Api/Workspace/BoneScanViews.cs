namespace Imaging.Api.Workspace;

/// <summary>Where a whole-body series' two views are: instance and 1-based frame of each, and the frame size. Unknown
/// parts are null.</summary>
internal sealed record BoneScanViews(string? AnteriorSopInstanceUid, int? AnteriorFrame, string? PosteriorSopInstanceUid, int? PosteriorFrame,
    int? Columns, int? Rows)
{
    public static readonly BoneScanViews Unknown = new(null, null, null, null, null, null);
}
