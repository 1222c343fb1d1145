namespace Imaging.Storage.DicomWeb;

/// <summary>One matching key of a QIDO-RS search: an attribute, how to match it and the value(s) to match.</summary>
/// <remarks>Single, Wildcard: one value. List: one or more. Range: exactly two (low, high; "" when open). Fuzzy: the
/// words. Integer attributes (SeriesNumber, InstanceNumber) take Single or List of decimal integers.</remarks>
public sealed record QidoCondition(QidoAttribute Attribute, QidoMatchKind Kind, IReadOnlyList<string> Values);
