namespace Imaging.Phantoms;

/// <summary>How the two views are stored.</summary>
public enum PhantomLayout
{
    /// <summary>One instance with two frames (anterior, posterior), told apart by the Detector Vector (the common case).</summary>
    TwoFrameInstance,

    /// <summary>Two single-frame instances of one series, one per view.</summary>
    InstancePerView,

    /// <summary>Two single-frame instances in two series of one study, one per view.</summary>
    SeriesPerView,
}
