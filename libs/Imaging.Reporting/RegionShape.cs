namespace Imaging.Reporting;

/// <summary>The planar shapes a TID 1410 Image Region is written as (SCOORD Graphic Type, PS3.3 C.18.6.1.2).</summary>
public enum RegionShape
{
    /// <summary>One (column,row) point.</summary>
    Point,

    /// <summary>A closed outline: written as a POLYLINE whose last vertex repeats the first.</summary>
    Polygon,

    /// <summary>A centre and a point on the circumference.</summary>
    Circle,
}
