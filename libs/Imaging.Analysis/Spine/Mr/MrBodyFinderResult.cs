namespace Imaging.Analysis.Spine.Mr;

/// <summary>What the MR body finder produced: bodies labelled on the loaded volume's grid (source <c>mr-classical</c>),
/// the overall label confidence (<c>high</c> when the sacrum anchored the count), per-level findings and warnings.</summary>
public sealed record MrBodyFinderResult(
    VertebralBodyLabels Labels,
    string LabelConfidence,
    IReadOnlyList<MrLevelFinding> Levels,
    IReadOnlyList<MrFinderWarning> Warnings,
    int MidSagittalPlane,
    MrWeighting Weighting);
