namespace Imaging.Analysis.BoneScan;

/// <summary>The other view of a study in the anterior frame (raw counts and the finest smoothed level), so that a test on
/// one view's candidate can add the evidence the other view holds at the same place.</summary>
internal sealed record ConjugateView(float[] Raw, float[] Smoothed);
