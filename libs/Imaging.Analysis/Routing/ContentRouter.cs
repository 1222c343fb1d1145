using System.Text;
using Imaging.Analysis.Metadata;

namespace Imaging.Analysis.Routing;

/// <summary>Decides what a series holds from its metadata alone: an NM whole-body bone scan, a CT or MR of the spine, or
/// something else. Headers from real scanners are inconsistent, so each rule looks at several attributes and the
/// returned reason names the one that decided.</summary>
public static class ContentRouter
{
    private static readonly string[] WholeBodyWords = ["WHOLE BODY", "WHOLEBODY", "WHOLE-BODY", "GANZKOERPER", "GANZKÖRPER", "CORPS ENTIER", "CUERPO ENTERO", "TOTAL BODY"];

    /// <summary>Tc-99m bone agents (methylene/hydroxymethylene diphosphonate, DPD) by name, abbreviation and INN.</summary>
    private static readonly string[] BoneAgents = ["MDP", "HDP", "HMDP", "DPD", "MEDRONATE", "OXIDRONATE", "DIPHOSPHONATE", "METHYLENE DIPHOSPHONATE",
        "HYDROXYMETHYLENE DIPHOSPHONATE", "DICARBOXYPROPANE DIPHOSPHONATE", "TECEOS", "OSTEOCIS"];

    /// <summary>Agents whose whole-body images are not bone scans, including bone-seeking therapy agents (Sm-153 EDTMP,
    /// Ra-223) whose post-therapy images the bone-scan analysis is not calibrated for.</summary>
    private static readonly string[] OtherAgents = ["SESTAMIBI", "MIBI", "TETROFOSMIN", "HMPAO", "EXAMETAZIME", "SULFUR COLLOID", "SULPHUR COLLOID",
        "MAA", "MACROAGGREGATED", "PERTECHNETATE", "DTPA", "PENTETATE", "MAG3", "MERTIATIDE", "DMSA", "SUCCIMER", "TILMANOCEPT", "MEBROFENIN",
        "SULESOMAB", "BESILESOMAB", "PYROPHOSPHATE", "PYP", "MIBG", "IOBENGUANE", "OCTREOTIDE", "PENTETREOTIDE", "EDTMP", "LEXIDRONAM",
        "FDG", "FLUORODEOXYGLUCOSE", "SODIUM IODIDE", "GALLIUM CITRATE", "THALLOUS CHLORIDE", "PSMA", "DOTATATE"];

    private static readonly string[] Technetium = ["TC99M", "TC 99M", "99MTC", "99M TC", "TECHNETIUM", "TC99"];

    private static readonly string[] OtherRadionuclides = ["I131", "I 131", "131I", "I123", "I 123", "123I", "IODINE", "IN111", "IN 111", "111IN", "INDIUM",
        "GA67", "GA 67", "67GA", "GA68", "GA 68", "68GA", "GALLIUM", "TL201", "TL 201", "201TL", "THALLIUM", "F18", "F 18", "18F", "FLUORINE",
        "SM153", "SM 153", "153SM", "SAMARIUM", "LU177", "LU 177", "177LU", "LUTETIUM", "RA223", "RA 223", "223RA", "RADIUM", "Y90", "Y 90", "YTTRIUM"];

    private static readonly string[] BoneWords = ["BONE", "BONES", "SKELETAL", "SKELETON", "KNOCHEN", "SKELETT", "SKELETTSZINTIGRAPHIE", "OSSEUSE", "OSEA", "OSTEO"];

    private static readonly string[] SpineWords = ["SPINE", "SPINAL", "CSPINE", "TSPINE", "LSPINE", "SSPINE", "WHOLESPINE", "C SPINE", "T SPINE", "L SPINE",
        "WIRBELSAEULE", "WIRBELSÄULE", "HWS", "BWS", "LWS", "RACHIS", "COLUMNA", "VERTEBRA", "VERTEBRAE", "VERTEBRAL", "LUMBAR", "THORACOLUMBAR",
        "LUMBOSACRAL", "SACRUM", "COCCYX"];

    /// <summary>Classifies a series; never throws for missing attributes.</summary>
    public static SeriesClassification Classify(SeriesMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var modality = metadata.Modality?.Trim().ToUpperInvariant();
        return modality switch
        {
            "NM" => ClassifyNuclear(metadata),
            "CT" => ClassifySpine(metadata, SeriesContentKind.CtSpine),
            "MR" => ClassifySpine(metadata, SeriesContentKind.MrSpine),
            null or "" => Other("no modality"),
            _ => Other($"modality {modality} is not analysed"),
        };
    }

    private static SeriesClassification ClassifyNuclear(SeriesMetadata metadata)
    {
        var imageType = Words(metadata.ImageType is null ? null : string.Join(' ', metadata.ImageType));
        // NM Image Type value 3 (PS3.3 C.8.4.7.1): TOMO, GATED TOMO, RECON TOMO, DYNAMIC, GATED are not planar whole-body.
        foreach (var excluded in new[] { "TOMO", "DYNAMIC", "GATED" })
            if (Has(imageType, excluded)) return Other($"NM image type {string.Join('\\', metadata.ImageType!)} is not a planar whole-body acquisition");

        var wholeBody = WholeBodyEvidence(metadata, imageType);
        if (wholeBody is null) return Other("NM without whole-body image type, technique, body part or description");

        var nuclear = metadata.NuclearMedicine;
        var tracer = Words(nuclear is null ? null : string.Join(' ', nuclear.Radiopharmaceuticals.SelectMany(r =>
            new[] { r.Radiopharmaceutical, r.RadiopharmaceuticalCode, r.Radionuclide })));
        if (FirstOf(tracer, BoneAgents) is { } agent) return Bone($"{wholeBody}; bone agent {agent}");
        if (FirstOf(tracer, OtherAgents) is { } other) return Other($"whole-body NM with a tracer that is not a bone agent ({other})");
        if (FirstOf(tracer, OtherRadionuclides) is { } nuclide && FirstOf(tracer, Technetium) is null)
            return Other($"whole-body NM with radionuclide {nuclide}, not Tc-99m");

        var descriptions = Words(string.Join(' ', metadata.SeriesDescription, metadata.ProtocolName, metadata.StudyDescription));
        if (FirstOf(descriptions, BoneWords) is { } bone) return Bone($"{wholeBody}; description says {bone}");
        if (FirstOf(descriptions, OtherAgents) is { } described) return Other($"whole-body NM described as {described}");
        if (FirstOf(tracer, Technetium) is not null) return Bone($"{wholeBody}; Tc-99m with no agent named");
        // The commonest whole-body planar NM study by far, and the one this product exists for; the bone-scan analyzer
        // checks the images themselves.
        return Bone($"{wholeBody}; tracer not recorded, assumed a bone scan");
    }

    private static string? WholeBodyEvidence(SeriesMetadata metadata, string imageType)
    {
        if (Has(imageType, "WHOLE BODY")) return "image type WHOLE BODY";
        if (metadata.NuclearMedicine?.WholeBodyTechnique is { Count: > 0 } technique) return $"whole body technique {string.Join('\\', technique)}";
        var bodyPart = Words(metadata.BodyPartExamined);
        if (FirstOf(bodyPart, WholeBodyWords) is not null) return $"body part {metadata.BodyPartExamined}";
        var descriptions = Words(string.Join(' ', metadata.SeriesDescription, metadata.ProtocolName, metadata.StudyDescription));
        return FirstOf(descriptions, WholeBodyWords) is { } word ? $"description says {word}" : null;
    }

    private static SeriesClassification ClassifySpine(SeriesMetadata metadata, SeriesContentKind kind)
    {
        var modality = kind == SeriesContentKind.CtSpine ? "CT" : "MR";
        var imageType = Words(metadata.ImageType is null ? null : string.Join(' ', metadata.ImageType));
        if (Has(imageType, "LOCALIZER")) return Other($"{modality} localizer");
        if (FirstOf(Words(metadata.BodyPartExamined), SpineWords) is not null)
            return new SeriesClassification(kind, $"{modality}, body part {metadata.BodyPartExamined}");
        foreach (var (label, text) in new[] { ("series description", metadata.SeriesDescription), ("protocol", metadata.ProtocolName), ("study description", metadata.StudyDescription) })
            if (FirstOf(Words(text), SpineWords) is { } word) return new SeriesClassification(kind, $"{modality}, {label} says {word}");
        return Other($"{modality} without spine in body part or descriptions");
    }

    private static SeriesClassification Bone(string reason) => new(SeriesContentKind.NmWholeBodyBoneScan, reason);

    private static SeriesClassification Other(string reason) => new(SeriesContentKind.Other, reason);

    /// <summary>Upper-case words separated by single spaces, padded with a space at each end so whole words match
    /// (" MDP " must not match inside "HMDP" by accident, nor "HWS" inside a longer word).</summary>
    private static string Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return " ";
        var sb = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var c in text.ToUpperInvariant())
        {
            if (char.IsLetterOrDigit(c)) sb.Append(c);
            else if (sb[^1] != ' ') sb.Append(' ');
        }
        if (sb[^1] != ' ') sb.Append(' ');
        return sb.ToString();
    }

    private static bool Has(string words, string phrase) => words.Contains($" {phrase} ", StringComparison.Ordinal);

    private static string? FirstOf(string words, string[] phrases) => phrases.FirstOrDefault(p => Has(words, p));
}
