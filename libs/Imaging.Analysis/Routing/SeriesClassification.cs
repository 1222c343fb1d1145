namespace Imaging.Analysis.Routing;

/// <summary>The kind of a series and the evidence it was decided on, so a wrong route can be understood.</summary>
public sealed record SeriesClassification(SeriesContentKind Kind, string Reason);
