namespace Imaging.Reporting;

/// <summary>How a lesion is marked on a key image.</summary>
public enum MarkShape
{
    /// <summary>A ring around the lesion, leaving the lesion itself visible.</summary>
    Circle,

    /// <summary>A cross centred on the lesion.</summary>
    Cross,
    /// <summary>A dashed ring: where something was and no longer is (a resolved lesion).</summary>
    DashedCircle,
}
