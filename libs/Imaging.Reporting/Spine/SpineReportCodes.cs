namespace Imaging.Reporting.Spine;

/// <summary>The coded concepts of the spine report: standard ones where PS3.16 has them, else this pipeline's private
/// scheme (<see cref="ReportCodes.PrivateScheme"/>), as the bone-scan report does.</summary>
public static class SpineReportCodes
{
    private const string Private = ReportCodes.PrivateScheme;

    /// <summary>DCM 128138 "Center of Mass" (CID 1011 Reference Geometry - Point): the body's centroid.</summary>
    public static CodedConcept CenterOfMass { get; } = new("128138", "DCM", "Center of Mass");

    /// <summary>CID 230 Yes-No answers (SNOMED CT).</summary>
    public static CodedConcept Yes { get; } = new("373066001", "SCT", "Yes");

    public static CodedConcept No { get; } = new("373067005", "SCT", "No");

    /// <summary>What each group describes; no standard concept names "the measured vertebral body" as a finding.</summary>
    public static CodedConcept VertebralBody { get; } = new("VERT-BODY", Private, "Vertebral body");

    public static CodedConcept AnteriorHeight { get; } = new("VB-HEIGHT-ANT", Private, "Anterior vertebral body height");
    public static CodedConcept MiddleHeight { get; } = new("VB-HEIGHT-MID", Private, "Middle vertebral body height");
    public static CodedConcept PosteriorHeight { get; } = new("VB-HEIGHT-POST", Private, "Posterior vertebral body height");

    /// <summary>Expected height from the unfractured neighbours (the analysis' reference).</summary>
    public static CodedConcept ReferenceHeight { get; } = new("VB-HEIGHT-REF", Private, "Reference vertebral body height");

    /// <summary>1 − minimum height / reference height, in percent.</summary>
    public static CodedConcept HeightLoss { get; } = new("VB-HEIGHT-LOSS", Private, "Vertebral body height loss");

    public static CodedConcept BodyVolume { get; } = new("VB-VOLUME", Private, "Vertebral body volume");

    /// <summary>Genant semiquantitative grade; values <see cref="GenantGrade(int)"/>.</summary>
    public static CodedConcept GenantGradeConcept { get; } = new("GENANT-GRADE", Private, "Genant semiquantitative grade");

    /// <summary>Fracture morphology; values <see cref="FractureType(string)"/>.</summary>
    public static CodedConcept FractureTypeConcept { get; } = new("FRACTURE-TYPE", Private, "Vertebral fracture type");

    /// <summary>Vertebroplasty / kyphoplasty cement seen in the body; value Yes or No.</summary>
    public static CodedConcept CementPresent { get; } = new("CEMENT", Private, "Vertebral augmentation cement present");

    /// <summary>Genant grade ≥ 1: the level is flagged; value Yes or No.</summary>
    public static CodedConcept FlaggedLevel { get; } = new("FLAGGED", Private, "Level flagged for review");

    /// <summary>The flagged levels as a list (e.g. "T5, T6, T10").</summary>
    public static CodedConcept FlaggedLevels { get; } = new("FLAGGED-LEVELS", Private, "Levels flagged for review");

    /// <summary>high or low: whether the level counts agree (S1 and the last rib-bearing vertebra).</summary>
    public static CodedConcept LabelConfidence { get; } = new("LABEL-CONF", Private, "Level label confidence");

    public static CodedConcept High { get; } = new("HIGH", Private, "High");
    public static CodedConcept Low { get; } = new("LOW", Private, "Low");

    /// <summary>What found the bodies (ct-classical, mr-classical, seg).</summary>
    public static CodedConcept Method { get; } = new("SPINE-METHOD", Private, "Vertebral body detection method");

    public static CodedConcept NumberOfLevels { get; } = new("LEVEL-COUNT", Private, "Number of measured levels");
    public static CodedConcept NumberOfFlaggedLevels { get; } = new("FLAGGED-COUNT", Private, "Number of flagged levels");
    public static CodedConcept NumberOfCementedLevels { get; } = new("CEMENT-COUNT", Private, "Number of levels with cement");
    public static CodedConcept NumberOfNewFractures { get; } = new("NEW-FX-COUNT", Private, "Number of new fractures");
    public static CodedConcept NumberOfProgressedLevels { get; } = new("PROGRESS-COUNT", Private, "Number of progressed levels");
    public static CodedConcept NumberOfCementAddedLevels { get; } = new("CEMENT-ADDED-CT", Private, "Number of levels with cement added");

    /// <summary>The level's status against the prior study; values <see cref="ChangeStatus(string)"/>.</summary>
    public static CodedConcept ChangeSincePrior { get; } = new("LEVEL-CHANGE", Private, "Change since prior study");

    /// <summary>Current minus prior minimum height (mm) and as a percentage of the prior.</summary>
    public static CodedConcept MinimumHeightChange { get; } = new("MIN-HEIGHT-CHG", Private, "Minimum height change since prior");
    public static CodedConcept MinimumHeightChangePercent { get; } = new("MIN-HEIGHT-CHG-P", Private, "Minimum height change since prior (%)");
    public static CodedConcept PriorGenantGrade { get; } = new("PRIOR-GENANT", Private, "Genant grade on prior study");
    public static CodedConcept CentroidDistance { get; } = new("CENTROID-DIST", Private, "Centroid distance to prior after alignment");

    public static CodedConcept Levels { get; } = new("{levels}", "UCUM", "levels");
    public static CodedConcept Milliliter { get; } = new("ml", "UCUM", "milliliter");

    /// <summary>The coded value of a Genant grade (0–3).</summary>
    public static CodedConcept GenantGrade(int grade) => grade switch
    {
        0 => new("GENANT-0", Private, "Grade 0 (normal)"),
        1 => new("GENANT-1", Private, "Grade 1 (mild)"),
        2 => new("GENANT-2", Private, "Grade 2 (moderate)"),
        3 => new("GENANT-3", Private, "Grade 3 (severe)"),
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "A Genant grade is 0 to 3."),
    };

    /// <summary>The coded value of a fracture type of the findings (none, wedge, biconcave, crush).</summary>
    public static CodedConcept FractureType(string type) => (type ?? "").Trim().ToLowerInvariant() switch
    {
        "none" => new("FX-NONE", Private, "No fracture"),
        "wedge" => new("FX-WEDGE", Private, "Wedge"),
        "biconcave" => new("FX-BICONCAVE", Private, "Biconcave"),
        "crush" => new("FX-CRUSH", Private, "Crush"),
        _ => throw new ArgumentException($"'{type}' is not a fracture type (none, wedge, biconcave, crush).", nameof(type)),
    };

    /// <summary>The coded value of a comparison status (<c>VertebraChange.Status</c>).</summary>
    public static CodedConcept ChangeStatus(string status) => (status ?? "").Trim().ToLowerInvariant() switch
    {
        "new-fracture" => new("NEW-FRACTURE", Private, "New fracture"),
        "progressed" => new("PROGRESSED", Private, "Progressed"),
        "stable" => new("STABLE", Private, "Stable"),
        "improved" => new("IMPROVED", Private, "Improved"),
        "only-current" => new("ONLY-CURRENT", Private, "Not in prior study"),
        "only-prior" => new("ONLY-PRIOR", Private, "Not in current study"),
        _ => throw new ArgumentException($"'{status}' is not a comparison status.", nameof(status)),
    };
}
