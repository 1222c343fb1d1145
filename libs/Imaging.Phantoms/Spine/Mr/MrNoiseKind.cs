namespace Imaging.Phantoms.Spine.Mr;

/// <summary>How noise is added to a magnitude MR image.</summary>
public enum MrNoiseKind
{
    /// <summary>Complex Gaussian noise on both channels, then the magnitude (what a real magnitude image holds: a floor in the air).</summary>
    Rician,

    /// <summary>Additive Gaussian noise on the magnitude (clamped at 0).</summary>
    Gaussian,
}
