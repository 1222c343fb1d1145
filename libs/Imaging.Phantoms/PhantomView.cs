namespace Imaging.Phantoms;

/// <summary>The two planar views of a whole-body scan.</summary>
public enum PhantomView
{
    Anterior,
    Posterior,
}
