namespace Imaging.Phantoms.Spine;

/// <summary>How a focal lesion changes the trabecular bone it replaces.</summary>
public enum SpineLesionKind
{
    /// <summary>Bone destroyed: soft-tissue density (about 30 HU) instead of trabecular bone.</summary>
    Lytic,

    /// <summary>Bone formed: dense sclerotic bone (about 900 HU).</summary>
    Blastic,
}
