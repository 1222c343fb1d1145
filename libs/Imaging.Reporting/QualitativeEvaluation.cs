namespace Imaging.Reporting;

/// <summary>A categorical statement about the whole study (TID 1500 Qualitative Evaluations): a coded or a text answer.</summary>
public sealed record QualitativeEvaluation
{
    private QualitativeEvaluation(CodedConcept concept, CodedConcept? code, string? text)
    {
        ArgumentNullException.ThrowIfNull(concept);
        Concept = concept;
        Code = code;
        Text = text;
    }

    public CodedConcept Concept { get; }

    public CodedConcept? Code { get; }

    public string? Text { get; }

    public static QualitativeEvaluation Coded(CodedConcept concept, CodedConcept value) =>
        new(concept, value ?? throw new ArgumentNullException(nameof(value)), null);

    public static QualitativeEvaluation Textual(CodedConcept concept, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return new(concept, null, value);
    }
}
