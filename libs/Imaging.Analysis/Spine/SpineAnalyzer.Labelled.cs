using Imaging.Analysis.Spine.Lesions;
using Imaging.Analysis.Spine.Measurement;
using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine;

public sealed partial class SpineAnalyzer
{
    /// <summary>Step 5 for bodies found by the MR method or a SEG: the shared measurer and grader on the labels, and step 6's
    /// lesions when the values are Hounsfield units (a SEG on CT).</summary>
    private SpineFindings MeasureLabelled(CtVolume volume, VertebralBodyLabels labels, bool refineWithHu, SeriesInput input, string confidence,
        List<SpineWarning> warnings, CancellationToken cancellationToken)
    {
        var measured = VertebralBodyMeasurer.Measure(volume, labels, refineWithHu, _options, cancellationToken);
        var vertebrae = GenantGrader.GradeAll(measured, _options, warnings);
        // Lesions are judged against the patient's own trabecular HU: MR intensities have no such scale.
        if (refineWithHu) vertebrae = SpineLesionFinder.Apply(volume, labels, vertebrae, _options, cancellationToken);
        return Empty(input, confidence, warnings, labels.Source) with
        {
            Vertebrae = vertebrae,
            FlaggedLevels = [.. vertebrae.Where(v => v.GenantGrade >= 1).Select(v => v.Level)],
        };
    }

    private async ValueTask<CtVolume?> LoadAsync(SeriesInput input, List<SpineWarning> warnings, CancellationToken cancellationToken)
    {
        try
        {
            var volume = await CtVolumeLoader.LoadAsync(input, _codecs, _volumeOptions, cancellationToken).ConfigureAwait(false);
            warnings.AddRange(volume.Warnings.Select(w => new SpineWarning(w.Code, w.Message)));
            return volume;
        }
        catch (CtVolumeException ex)
        {
            // A series with nothing usable is a finding about the series, not a worker crash.
            warnings.Add(new SpineWarning("volume-unusable", ex.Message));
            return null;
        }
    }
}
