namespace Imaging.Phantoms.Spine;

/// <summary>Genant's morphological fracture types: which of the three heights loses the most.</summary>
public enum VertebralFractureType
{
    /// <summary>No deformity.</summary>
    None,

    /// <summary>Anterior height lost, posterior height kept (a wedge-shaped body).</summary>
    Wedge,

    /// <summary>Middle height lost, both end plates concave, rims kept.</summary>
    Biconcave,

    /// <summary>The whole body lower by the same fraction.</summary>
    Crush,
}
