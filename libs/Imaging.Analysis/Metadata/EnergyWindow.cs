namespace Imaging.Analysis.Metadata;

/// <summary>One energy window: its name (0054,0018) and its ranges (0054,0013), in keV.</summary>
public sealed record EnergyWindow(string? Name, IReadOnlyList<EnergyRange> Ranges);

/// <summary>Energy Window Lower (0054,0014) and Upper (0054,0015) Limit in keV.</summary>
public sealed record EnergyRange(double? LowerKeV, double? UpperKeV);
