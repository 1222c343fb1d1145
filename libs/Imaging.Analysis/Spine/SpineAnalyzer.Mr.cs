using Imaging.Analysis.Metadata;
using Imaging.Analysis.Spine.Mr;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Analysis.Spine;

public sealed partial class SpineAnalyzer
{
    /// <summary>|normal · patient X| at or above this is sagittal enough for the MR method (its planes within ~37° of sagittal).</summary>
    private const double SagittalNormalMinimum = 0.8;

    private static bool IsMr(SeriesMetadata metadata) => string.Equals(metadata.Modality?.Trim(), "MR", StringComparison.OrdinalIgnoreCase);

    /// <summary>The 2D MR method reads the spine on sagittal planes: axial or coronal MR series are not analysed.</summary>
    private static bool IsSagittal(SeriesMetadata metadata) =>
        metadata.CrossSectional?.Normal is [var x, _, _] && Math.Abs(x) >= SagittalNormalMinimum;

    /// <summary>The MR path: the volume, <see cref="MrBodyFinder"/> (T1 or T2 from the header), the shared measurer on the
    /// labels alone (MR signal has no scale to refine end plates or find cement on), the Genant grader.</summary>
    public async ValueTask<SpineFindings> AnalyzeMrAsync(SeriesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        var warnings = new List<SpineWarning>();
        var volume = await LoadAsync(input, warnings, cancellationToken).ConfigureAwait(false);
        if (volume is null) return Empty(input, "low", warnings, MrSource);

        var options = new MrBodyFinderOptions();
        MrBodyFinderResult found;
        if (WeightingOf(input) is { } weighting) found = MrBodyFinder.Find(volume, weighting, options, cancellationToken);
        else
        {
            // Both readings are cheap next to loading; the one that finds more (anchored) bodies is the right contrast.
            var t2 = MrBodyFinder.Find(volume, MrWeighting.T2, options, cancellationToken);
            var t1 = MrBodyFinder.Find(volume, MrWeighting.T1, options, cancellationToken);
            found = Score(t1) > Score(t2) ? t1 : t2;
            warnings.Add(new SpineWarning(SpineWarningCodes.MrWeightingUnknown,
                $"Neither the echo and repetition times nor the series description say T1 or T2; read as {found.Weighting}, which found more bodies."));
        }
        warnings.AddRange(found.Warnings.Select(w => new SpineWarning(SpineCode(w.Code), w.Message)));
        if (found.Levels.Count == 0)
        {
            if (!warnings.Any(w => w.Code is SpineWarningCodes.SpineNotFound or SpineWarningCodes.NotSagittal))
                warnings.Add(new SpineWarning(SpineWarningCodes.SpineNotFound, "No vertebral body was found between two discs on the mid-sagittal plane."));
            return Empty(input, "low", warnings, MrSource);
        }
        return MeasureLabelled(volume, found.Labels, refineWithHu: false, input, found.LabelConfidence, warnings, cancellationToken);

        static int Score(MrBodyFinderResult r) => 100 * (r.LabelConfidence == "high" ? 1 : 0) + r.Levels.Count;
    }

    private const string MrSource = "mr-classical";

    /// <summary>The finder's codes in the spine vocabulary, so a reader handles "no anchor" the same on CT and MR.</summary>
    private static string SpineCode(string mrCode) => mrCode switch
    {
        "no-anchor" => SpineWarningCodes.LabelsUnanchored,
        "no-canal" => SpineWarningCodes.SpineNotFound,
        "not-sagittal" => SpineWarningCodes.NotSagittal,
        "irregular-spacing" => SpineWarningCodes.IrregularSpacing,
        _ => mrCode,
    };

    private static MrWeighting? WeightingOf(SeriesInput input)
    {
        foreach (var instance in input.Instances)
        {
            try
            {
                var header = instance.File.ReadHeader().Dataset;
                return MrWeightingClassifier.Classify(header.GetDecimal(DicomTags.RepetitionTime), header.GetDecimal(DicomTags.EchoTime),
                    header.GetSingleString(DicomTags.SeriesDescription) ?? input.Metadata.SeriesDescription);
            }
            catch (Exception e) when (e is IOException or DicomFormatException or InvalidDataException or UnauthorizedAccessException or FormatException)
            {
                // The next instance's header may be readable; the loader reports this one.
            }
        }
        return MrWeightingClassifier.Classify(null, null, input.Metadata.SeriesDescription);
    }
}
