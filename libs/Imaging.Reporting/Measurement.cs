namespace Imaging.Reporting;

/// <summary>A numeric measurement (TID 300): concept, value and UCUM unit, optionally qualified by a finding site.</summary>
public sealed record Measurement
{
    public Measurement(CodedConcept concept, double value, CodedConcept unit, CodedConcept? findingSite = null)
    {
        ArgumentNullException.ThrowIfNull(concept);
        ArgumentNullException.ThrowIfNull(unit);
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "A measured value must be finite.");
        Concept = concept;
        Value = value;
        Unit = unit;
        FindingSite = findingSite;
    }

    public CodedConcept Concept { get; }

    public double Value { get; }

    public CodedConcept Unit { get; }

    public CodedConcept? FindingSite { get; }
}
