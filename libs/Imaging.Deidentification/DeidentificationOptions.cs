namespace Imaging.Deidentification;

/// <summary>The profile and options of PS3.15 Annex E (table E.1-1) applied to an export. The Basic Application
/// Level Confidentiality Profile is always applied; each option relaxes or tightens it.</summary>
public sealed record DeidentificationOptions
{
    /// <summary>Names accepted by <see cref="Parse"/>, in the order they are listed in the manifest.</summary>
    public static IReadOnlyList<string> OptionNames { get; } =
    [
        "basic",
        "retain-longitudinal-modified-dates",
        "retain-longitudinal-full-dates",
        "retain-patient-characteristics",
        "retain-device-identity",
        "retain-institution-identity",
        "clean-descriptors",
        "clean-structured-content",
        "clean-graphics",
        "clean-pixel-data",
        "retain-safe-private",
        "retain-uids",
    ];

    /// <summary>Retain Longitudinal Temporal Information with Modified Dates: dates and times kept, shifted by one
    /// per-patient offset (<see cref="Pseudonymizer.DateShiftDays"/>), so intervals survive.</summary>
    public bool RetainLongitudinalModifiedDates { get; init; }

    /// <summary>Retain Longitudinal Temporal Information with Full Dates: dates and times kept unchanged.</summary>
    public bool RetainLongitudinalFullDates { get; init; }

    /// <summary>Retain Patient Characteristics (sex, age, size, weight, ...).</summary>
    public bool RetainPatientCharacteristics { get; init; }

    /// <summary>Retain Device Identity (station name, serial numbers, ...).</summary>
    public bool RetainDeviceIdentity { get; init; }

    /// <summary>Retain Institution Identity (institution name, address, department).</summary>
    public bool RetainInstitutionIdentity { get; init; }

    /// <summary>Clean Descriptors: free-text descriptions kept after removing identifying text, instead of removed.</summary>
    public bool CleanDescriptors { get; init; }

    /// <summary>Clean Structured Content: SR content items kept after cleaning, instead of removed.</summary>
    public bool CleanStructuredContent { get; init; }

    /// <summary>Clean Graphics: graphic annotations kept after cleaning, instead of removed.</summary>
    public bool CleanGraphics { get; init; }

    /// <summary>Clean Pixel Data: burned-in text blanked in <see cref="CleanPixelRegions"/>; without it, instances
    /// likely to carry burned-in text are quarantined.</summary>
    public bool CleanPixelData { get; init; }

    /// <summary>Retain Safe Private: private attributes on the allow-list are kept, every other one removed.</summary>
    public bool RetainSafePrivate { get; init; }

    /// <summary>Retain UIDs: UIDs kept unchanged (off by default; then every UID is remapped to a 2.25 UID).</summary>
    public bool RetainUids { get; init; }

    /// <summary>Regions to blank when <see cref="CleanPixelData"/> is on.</summary>
    public IReadOnlyList<CleanPixelRegion> CleanPixelRegions { get; init; } = [];

    /// <summary>Private attributes kept under <see cref="RetainSafePrivate"/>, beyond the built-in list: entries
    /// "creator/gggg,xxee" naming the private creator and the tag (xx = any block).</summary>
    public IReadOnlyList<string> SafePrivateAllowList { get; init; } = [];

    /// <summary>The option names that are on, in <see cref="OptionNames"/> order ("basic" first).</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = new List<string> { "basic" };
            if (RetainLongitudinalModifiedDates) names.Add("retain-longitudinal-modified-dates");
            if (RetainLongitudinalFullDates) names.Add("retain-longitudinal-full-dates");
            if (RetainPatientCharacteristics) names.Add("retain-patient-characteristics");
            if (RetainDeviceIdentity) names.Add("retain-device-identity");
            if (RetainInstitutionIdentity) names.Add("retain-institution-identity");
            if (CleanDescriptors) names.Add("clean-descriptors");
            if (CleanStructuredContent) names.Add("clean-structured-content");
            if (CleanGraphics) names.Add("clean-graphics");
            if (CleanPixelData) names.Add("clean-pixel-data");
            if (RetainSafePrivate) names.Add("retain-safe-private");
            if (RetainUids) names.Add("retain-uids");
            return names;
        }
    }

    /// <summary>Parses a comma-separated profile such as "basic,retain-longitudinal-modified-dates"; "basic" is
    /// implied. Unknown names, and both longitudinal options together, are a <see cref="FormatException"/>.</summary>
    public static DeidentificationOptions Parse(string profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var options = new DeidentificationOptions();
        foreach (var raw in profile.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options = raw.ToLowerInvariant() switch
            {
                "basic" => options,
                "retain-longitudinal-modified-dates" => options with { RetainLongitudinalModifiedDates = true },
                "retain-longitudinal-full-dates" => options with { RetainLongitudinalFullDates = true },
                "retain-patient-characteristics" => options with { RetainPatientCharacteristics = true },
                "retain-device-identity" => options with { RetainDeviceIdentity = true },
                "retain-institution-identity" => options with { RetainInstitutionIdentity = true },
                "clean-descriptors" => options with { CleanDescriptors = true },
                "clean-structured-content" => options with { CleanStructuredContent = true },
                "clean-graphics" => options with { CleanGraphics = true },
                "clean-pixel-data" => options with { CleanPixelData = true },
                "retain-safe-private" => options with { RetainSafePrivate = true },
                "retain-uids" => options with { RetainUids = true },
                _ => throw new FormatException($"Unknown de-identification option '{raw}'; known: {string.Join(", ", OptionNames)}."),
            };
        }
        if (options.RetainLongitudinalModifiedDates && options.RetainLongitudinalFullDates)
            throw new FormatException("retain-longitudinal-modified-dates and retain-longitudinal-full-dates exclude each other.");
        return options;
    }
}
