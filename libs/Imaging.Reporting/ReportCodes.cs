namespace Imaging.Reporting;

/// <summary>The coded concepts of TID 1500 and the templates it includes (PS3.16), plus this pipeline's own codes.</summary>
public static class ReportCodes
{
    /// <summary>Coding scheme designator of the codes this pipeline defines itself (a "99" private scheme, PS3.16 8.2).</summary>
    public const string PrivateScheme = "99IMGPIPE";

    public static CodedConcept ImagingMeasurementReport { get; } = new("126000", "DCM", "Imaging Measurement Report");
    public static CodedConcept LanguageOfContent { get; } = new("121049", "DCM", "Language of Content Item and Descendants");
    public static CodedConcept EnglishUnitedStates { get; } = new("en-US", "RFC5646", "English (United States)");
    public static CodedConcept ObserverType { get; } = new("121005", "DCM", "Observer Type");
    public static CodedConcept Device { get; } = new("121007", "DCM", "Device");
    public static CodedConcept DeviceObserverUid { get; } = new("121012", "DCM", "Device Observer UID");
    public static CodedConcept DeviceObserverName { get; } = new("121013", "DCM", "Device Observer Name");
    public static CodedConcept DeviceObserverManufacturer { get; } = new("121014", "DCM", "Device Observer Manufacturer");
    public static CodedConcept DeviceObserverModelName { get; } = new("121015", "DCM", "Device Observer Model Name");
    public static CodedConcept ProcedureReported { get; } = new("121058", "DCM", "Procedure reported");
    public static CodedConcept ImageLibrary { get; } = new("111028", "DCM", "Image Library");
    public static CodedConcept ImageLibraryGroup { get; } = new("126200", "DCM", "Image Library Group");
    public static CodedConcept ImagingMeasurements { get; } = new("126010", "DCM", "Imaging Measurements");
    public static CodedConcept MeasurementGroup { get; } = new("125007", "DCM", "Measurement Group");
    public static CodedConcept TrackingIdentifier { get; } = new("112039", "DCM", "Tracking Identifier");
    public static CodedConcept TrackingUniqueIdentifier { get; } = new("112040", "DCM", "Tracking Unique Identifier");
    public static CodedConcept Finding { get; } = new("121071", "DCM", "Finding");
    public static CodedConcept FindingSite { get; } = new("363698007", "SCT", "Finding Site");
    public static CodedConcept Laterality { get; } = new("272741003", "SCT", "Laterality");
    public static CodedConcept ImageRegion { get; } = new("111030", "DCM", "Image Region");
    public static CodedConcept AlgorithmName { get; } = new("111001", "DCM", "Algorithm Name");
    public static CodedConcept AlgorithmVersion { get; } = new("111003", "DCM", "Algorithm Version");
    public static CodedConcept QualitativeEvaluations { get; } = new("C0034375", "UMLS", "Qualitative Evaluations");

    public static CodedConcept Lesion { get; } = new("52988006", "SCT", "Lesion");
    public static CodedConcept Area { get; } = new("42798000", "SCT", "Area");
    public static CodedConcept Right { get; } = new("24028007", "SCT", "Right");
    public static CodedConcept Left { get; } = new("7771000", "SCT", "Left");
    public static CodedConcept Bilateral { get; } = new("51440002", "SCT", "Right and left");

    /// <summary>No standard concept names a hotspot's peak uptake relative to the patient's normal bone.</summary>
    public static CodedConcept PeakRatioToNormalBone { get; } = new("PEAK-RATIO", PrivateScheme, "Peak uptake ratio to normal bone");

    /// <summary>No standard concept names a count of lesions in a region; the region is a Finding Site modifier.</summary>
    public static CodedConcept NumberOfLesions { get; } = new("LESION-COUNT", PrivateScheme, "Number of lesions");

    /// <summary>Lesion area as a percentage of the skeletal area; no standard concept (the Bone Scan Index is a different,
    /// weight-based measure).</summary>
    public static CodedConcept LesionBurden { get; } = new("LESION-BURDEN", PrivateScheme, "Lesion area fraction of skeleton");

    /// <summary>Soloway et al. 1988 extent-of-disease grade (0–4); no standard concept.</summary>
    public static CodedConcept SolowayGrade { get; } = new("EOD-GRADE", PrivateScheme, "Soloway extent of disease grade");

    /// <summary>A hot focus the analysis saw and did not count (bladder, kidney, injection site, symmetric joint).</summary>
    public static CodedConcept FocusNotCounted { get; } = new("EXCLUDED-FOCUS", PrivateScheme, "Focus not counted");

    /// <summary>A quality-control caveat of the analysis (low counts, assumed pixel spacing, unknown tracer).</summary>
    public static CodedConcept QualityWarning { get; } = new("QC-WARNING", PrivateScheme, "Quality control warning");

    /// <summary>How a lesion changed since the prior scan (value: <see cref="NewLesion"/>, <see cref="PersistentLesion"/>,
    /// <see cref="ResolvedLesion"/>); no standard concept found for a per-lesion new/persistent/resolved status.</summary>
    public static CodedConcept ChangeSincePrior { get; } = new("LESION-CHANGE", PrivateScheme, "Change since prior scan");

    public static CodedConcept NewLesion { get; } = new("NEW", PrivateScheme, "New lesion");
    public static CodedConcept PersistentLesion { get; } = new("PERSISTENT", PrivateScheme, "Persistent lesion");
    public static CodedConcept ResolvedLesion { get; } = new("RESOLVED", PrivateScheme, "Resolved lesion");

    /// <summary>Relative change of the peak ratio to normal bone since the prior scan (each scan against its own normal bone).</summary>
    public static CodedConcept PeakRatioChange { get; } = new("PEAK-CHANGE", PrivateScheme, "Peak uptake ratio change since prior");

    public static CodedConcept NumberOfNewLesions { get; } = new("NEW-COUNT", PrivateScheme, "Number of new lesions");
    public static CodedConcept NumberOfPersistentLesions { get; } = new("PERSIST-COUNT", PrivateScheme, "Number of persistent lesions");
    public static CodedConcept NumberOfResolvedLesions { get; } = new("RESOLVED-COUNT", PrivateScheme, "Number of resolved lesions");

    /// <summary>DCM 110180 "Study Instance UID": the prior study a comparison was made with.</summary>
    public static CodedConcept StudyInstanceUid { get; } = new("110180", "DCM", "Study Instance UID");

    /// <summary>The comparison with the prior scan in words: interval, counts, the 2+2 and flare notes.</summary>
    public static CodedConcept ComparisonWithPrior { get; } = new("COMPARISON", PrivateScheme, "Comparison with prior scan");

    public static CodedConcept WholeBodyBoneScintigraphy { get; } = new("NM-WB-BONE", PrivateScheme, "Whole body bone scintigraphy");

    /// <summary>UCUM units (coding scheme UCUM, PS3.16 CID 7181 style).</summary>
    public static class Units
    {
        public static CodedConcept SquareMillimeter { get; } = new("mm2", "UCUM", "square millimeter");
        public static CodedConcept Ratio { get; } = new("{ratio}", "UCUM", "ratio");
        public static CodedConcept Lesions { get; } = new("{lesions}", "UCUM", "lesions");
        public static CodedConcept Millimeter { get; } = new("mm", "UCUM", "millimeter");
        public static CodedConcept Percent { get; } = new("%", "UCUM", "percent");
        public static CodedConcept NoUnits { get; } = new("1", "UCUM", "no units");
    }
}
