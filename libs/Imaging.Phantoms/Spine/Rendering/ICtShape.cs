using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>A solid the slices are painted with: later shapes paint over earlier ones where they say they are present.</summary>
internal interface ICtShape
{
    /// <summary>Everywhere the shape can be present (the painter visits no pixel outside it).</summary>
    Aabb Bounds { get; }

    /// <summary>True with the HU value when <paramref name="p"/> (patient mm) lies inside.</summary>
    bool Sample(in V3 p, out float hu);
}
