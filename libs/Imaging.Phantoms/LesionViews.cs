namespace Imaging.Phantoms;

/// <summary>Which views show a lesion: both (the depth of the bone it sits in sets each view's attenuation), or only one
/// (a lesion too deep to be seen from the other side).</summary>
public enum LesionViews
{
    Both,
    AnteriorOnly,
    PosteriorOnly,
}
