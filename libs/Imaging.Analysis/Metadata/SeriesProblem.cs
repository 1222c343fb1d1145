namespace Imaging.Analysis.Metadata;

/// <summary>Something wrong with one instance (or the series as a whole) that analysis worked around.</summary>
/// <param name="Instance">The instance's name (SOP Instance UID or file name); empty for the series as a whole.</param>
/// <param name="Code">One of <see cref="SeriesProblemCodes"/>.</param>
public sealed record SeriesProblem(string Instance, string Code, string Message);
