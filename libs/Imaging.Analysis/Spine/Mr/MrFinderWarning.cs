namespace Imaging.Analysis.Spine.Mr;

/// <summary>Something the MR body finder could not do with confidence: <c>not-sagittal</c>, <c>no-canal</c>,
/// <c>no-anchor</c> (neither sacrum nor C2 seen: levels counted on an assumption), <c>irregular-spacing</c>; <c>no-canal</c> also for planes too small to hold a spine.</summary>
public sealed record MrFinderWarning(string Code, string Message);
