namespace Imaging.Analysis.Spine.Lesions;

/// <summary>What step 6 found in one body: lytic and blastic volume (connected regions of at least the minimum size), the
/// resulting type and the fraction of the (hole-filled) body they occupy.</summary>
public sealed record LevelLesions(string Level, double LyticVolumeMl, double BlasticVolumeMl, string LesionType, double InvolvedFraction);
