namespace Imaging.Phantoms.Rendering;

/// <summary>One rendered view in its own frame orientation: expected counts without and with lesions (blurred, scaled to
/// the requested total) and the counts written.</summary>
internal sealed record ViewRender(PhantomView View, float[] ExpectedBackground, float[] ExpectedLesions, ushort[] Counts, long TotalCounts)
{
    public float Expected(int index) => ExpectedBackground[index] + ExpectedLesions[index];
}
