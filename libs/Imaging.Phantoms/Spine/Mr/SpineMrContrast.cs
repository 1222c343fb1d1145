namespace Imaging.Phantoms.Spine.Mr;

/// <summary>Which weighting a sagittal MR spine phantom is drawn with.</summary>
public enum SpineMrContrast
{
    /// <summary>T1 spin echo: fat and fatty marrow bright, discs and CSF dark.</summary>
    T1,

    /// <summary>T2 (fast) spin echo: CSF and healthy discs bright, marrow intermediate.</summary>
    T2,
}
