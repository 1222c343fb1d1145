namespace Imaging.Analysis.Spine.Lesions;

/// <summary>The image-computable part of the Spinal Instability Neoplastic Score (Fisher et al., Spine 2010;35(22):E1221–E1229)
/// for one level with a lesion: location, bone lesion quality and vertebral body collapse. Pain, alignment and posterolateral
/// involvement are not scored (<see cref="Missing"/>), so <see cref="PartialScore"/> is a lower bound of the full 0–18 score.</summary>
public sealed record SinsPartial
{
    /// <summary>Junctional (O–C2, C7–T2, T11–L1, L5–S1) 3, mobile (C3–C6, L2–L4) 2, semi-rigid (T3–T10) 1, rigid (S2–S5) 0.</summary>
    public required int Location { get; init; }

    /// <summary>Lytic 2, mixed 1, blastic 0.</summary>
    public required int LesionQuality { get; init; }

    /// <summary>Over 50 % collapse 3, up to 50 % 2, no collapse with over 50 % of the body involved 1, else 0.</summary>
    public required int Collapse { get; init; }

    /// <summary>Sum of the three components scored.</summary>
    public required int PartialScore { get; init; }

    /// <summary>Always true: the clinical and posterior-element components are missing.</summary>
    public bool Partial { get; init; } = true;

    /// <summary>The SINS components not scored from the image here.</summary>
    public IReadOnlyList<string> Missing { get; init; } = DefaultMissing;

    /// <summary>Pain (clinical), alignment (needs the whole spine's curve) and posterolateral involvement (needs the posterior elements).</summary>
    public static readonly IReadOnlyList<string> DefaultMissing = ["pain", "alignment", "posterolateral-involvement"];
}
