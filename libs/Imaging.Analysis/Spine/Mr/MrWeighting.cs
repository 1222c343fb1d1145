namespace Imaging.Analysis.Spine.Mr;

/// <summary>The contrast of a spin-echo spine series, which decides whether discs are darker (T1) or brighter (T2) than marrow.</summary>
public enum MrWeighting
{
    T1,
    T2,
}
