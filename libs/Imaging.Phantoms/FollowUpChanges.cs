namespace Imaging.Phantoms;

/// <summary>What changed between a baseline phantom and its follow-up: lesions added, removed (resolved), moved or changed
/// in intensity, and how differently the patient lies on the table. Unlisted lesions persist unchanged.</summary>
public sealed record FollowUpChanges
{
    public IReadOnlyList<PhantomLesion> Added { get; init; } = [];

    /// <summary>Ids of baseline lesions that resolved.</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>Baseline id → displacement in mm (X towards the patient's left, Y towards the feet).</summary>
    public IReadOnlyDictionary<string, (double DxMm, double DyMm)> Shifted { get; init; } = new Dictionary<string, (double, double)>();

    /// <summary>Baseline id → new contrast (× normal bone).</summary>
    public IReadOnlyDictionary<string, double> NewContrast { get; init; } = new Dictionary<string, double>();

    public double PatientShiftXPixels { get; init; } = 2;

    public double PatientShiftYPixels { get; init; } = -4;

    public double PatientScale { get; init; } = 1.015;

    public int DaysLater { get; init; } = 120;

    /// <summary>Noise and UID seed of the follow-up; null takes the baseline's seed + 7919.</summary>
    public long? Seed { get; init; }

    /// <summary>Null keeps the baseline's count level.</summary>
    public long? CountsPerView { get; init; }
}
