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

    /// <summary>A reference by UID (UIDREF), e.g. the prior study a comparison was made with.</summary>
    public static QualitativeEvaluation Reference(CodedConcept concept, string uid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        return new(concept, null, null) { Uid = uid };
    }

    /// <summary>The referenced UID of a <see cref="Reference"/> evaluation.</summary>
    public string? Uid { get; private init; }

    public static QualitativeEvaluation Textual(CodedConcept concept, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return new(concept, null, value);
    }
}
