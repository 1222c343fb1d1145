namespace Imaging.Deidentification;

/// <summary>The codes of PS3.16 CID 7050 "De-identification Method" (coding scheme DCM) that describe the profile and
/// options applied, for De-identification Method Code Sequence (0012,0064).</summary>
public static class DeidentificationMethodCodes
{
    /// <summary>Basic Application Confidentiality Profile.</summary>
    public static readonly (string Value, string Meaning) Basic = ("113100", "Basic Application Confidentiality Profile");
    /// <summary>Clean Pixel Data Option.</summary>
    public static readonly (string Value, string Meaning) CleanPixelData = ("113101", "Clean Pixel Data Option");
    /// <summary>Clean Graphics Option.</summary>
    public static readonly (string Value, string Meaning) CleanGraphics = ("113103", "Clean Graphics Option");
    /// <summary>Clean Structured Content Option.</summary>
    public static readonly (string Value, string Meaning) CleanStructuredContent = ("113104", "Clean Structured Content Option");
    /// <summary>Clean Descriptors Option.</summary>
    public static readonly (string Value, string Meaning) CleanDescriptors = ("113105", "Clean Descriptors Option");
    /// <summary>Retain Longitudinal Temporal Information Full Dates Option.</summary>
    public static readonly (string Value, string Meaning) RetainLongitudinalFullDates = ("113106", "Retain Longitudinal Temporal Information Full Dates Option");
    /// <summary>Retain Longitudinal Temporal Information Modified Dates Option.</summary>
    public static readonly (string Value, string Meaning) RetainLongitudinalModifiedDates = ("113107", "Retain Longitudinal Temporal Information Modified Dates Option");
    /// <summary>Retain Patient Characteristics Option.</summary>
    public static readonly (string Value, string Meaning) RetainPatientCharacteristics = ("113108", "Retain Patient Characteristics Option");
    /// <summary>Retain Device Identity Option.</summary>
    public static readonly (string Value, string Meaning) RetainDeviceIdentity = ("113109", "Retain Device Identity Option");
    /// <summary>Retain UIDs Option.</summary>
    public static readonly (string Value, string Meaning) RetainUids = ("113110", "Retain UIDs Option");
    /// <summary>Retain Safe Private Option.</summary>
    public static readonly (string Value, string Meaning) RetainSafePrivate = ("113111", "Retain Safe Private Option");
    /// <summary>Retain Institution Identity Option.</summary>
    public static readonly (string Value, string Meaning) RetainInstitutionIdentity = ("113112", "Retain Institution Identity Option");

    /// <summary>The codes for <paramref name="options"/>, Basic first; Clean Pixel Data only when pixels were blanked.</summary>
    public static IReadOnlyList<(string Value, string Meaning)> For(DeidentificationOptions options, bool pixelsCleaned)
    {
        ArgumentNullException.ThrowIfNull(options);
        var codes = new List<(string, string)> { Basic };
        if (pixelsCleaned) codes.Add(CleanPixelData);
        if (options.CleanGraphics) codes.Add(CleanGraphics);
        if (options.CleanStructuredContent) codes.Add(CleanStructuredContent);
        if (options.CleanDescriptors) codes.Add(CleanDescriptors);
        if (options.RetainLongitudinalFullDates) codes.Add(RetainLongitudinalFullDates);
        if (options.RetainLongitudinalModifiedDates) codes.Add(RetainLongitudinalModifiedDates);
        if (options.RetainPatientCharacteristics) codes.Add(RetainPatientCharacteristics);
        if (options.RetainDeviceIdentity) codes.Add(RetainDeviceIdentity);
        if (options.RetainUids) codes.Add(RetainUids);
        if (options.RetainSafePrivate) codes.Add(RetainSafePrivate);
        if (options.RetainInstitutionIdentity) codes.Add(RetainInstitutionIdentity);
        return codes;
    }
}
