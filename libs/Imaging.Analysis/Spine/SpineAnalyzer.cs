using Imaging.Analysis.Metadata;
using Imaging.Analysis.Routing;
using Imaging.Analysis.Spine.Comparison;
using Imaging.Analysis.Spine.Ct;
using Imaging.Analysis.Spine.Lesions;
using Imaging.Analysis.Spine.Measurement;
using Imaging.Analysis.Spine.Volume;
using Imaging.Dicom.Imaging;

namespace Imaging.Analysis.Spine;

/// <summary>Vertebral levels, heights, Genant grades and flagged fracture levels on CT and sagittal MR series of the spine, and
/// on the images a DICOM SEG of vertebrae segments (issue 7): loads the volume, finds and labels the bodies
/// (<see cref="CtBodyFinder"/>, <see cref="Mr.MrBodyFinder"/> or <see cref="Seg.SegLabelSource"/>), measures them
/// (<see cref="VertebralBodyMeasurer"/>), grades them (<see cref="GenantGrader"/>) and compares them with the patient's prior
/// spine study (<see cref="SpineComparer"/>).</summary>
/// <param name="referencedSeries">Where a SEG series' images are found; without it a SEG series gets a warning finding.</param>
/// <param name="priors">The patient's earlier findings; without it no comparison is made.</param>
public sealed partial class SpineAnalyzer(PixelCodecRegistry? codecs = null, SpineAnalysisOptions? options = null, CtVolumeLoaderOptions? volumeOptions = null,
    IReferencedSeriesSource? referencedSeries = null, IPriorFindingsSource? priors = null, SpineComparisonOptions? comparisonOptions = null)
    : ISeriesAnalyzer
{
    /// <summary>The analyzer name under which spine findings are kept.</summary>
    public const string AnalyzerName = "spine";

    private readonly PixelCodecRegistry _codecs = codecs ?? PixelCodecRegistry.Default;
    private readonly SpineAnalysisOptions _options = options ?? SpineAnalysisOptions.Default;
    private readonly CtVolumeLoaderOptions _volumeOptions = volumeOptions ?? new CtVolumeLoaderOptions();
    private readonly IReferencedSeriesSource? _referencedSeries = referencedSeries;

    public string Name => AnalyzerName;

    /// <summary>Bumped whenever the algorithm, its defaults or the payload schema change.</summary>
    public string Version => "0.3";

    /// <summary>CT series the content router recognises as spine, sagittal MR series of the spine, and SEG series with at
    /// least one vertebra segment (which label the images they reference).</summary>
    public bool Accepts(SeriesMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Content.Kind == SeriesContentKind.CtSpine
            || (metadata.Content.Kind == SeriesContentKind.MrSpine && IsSagittal(metadata))
            || IsVertebraSegmentation(metadata);
    }

    public async ValueTask<AnalyzerFindings> AnalyzeAsync(SeriesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var analysed = IsSegmentation(input.Metadata) ? await AnalyzeSegSeriesAsync(input, cancellationToken).ConfigureAwait(false)
            : IsMr(input.Metadata) ? await AnalyzeMrAsync(input, cancellationToken).ConfigureAwait(false)
            : await AnalyzeCtAsync(input, cancellationToken).ConfigureAwait(false);
        return await CompleteAsync(analysed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What every entry point does last: tracking UIDs for new levels, the comparison with the prior, the payload.</summary>
    private async ValueTask<AnalyzerFindings> CompleteAsync(SpineFindings analysed, CancellationToken cancellationToken)
    {
        var findings = SpineTracking.AssignMissing(analysed);
        if (priors is not null && findings.Vertebrae.Count > 0)
        {
            // A failing source throws: findings stored without their comparison would never get one.
            var history = await priors.GetHistoryAsync(
                new PriorFindingsRequest(Name, findings.StudyInstanceUid, findings.SeriesInstanceUid, findings.SeriesDate), cancellationToken).ConfigureAwait(false);
            findings = CompareWithHistory(findings, history);
        }
        return AnalyzerFindings.FromValue(findings, SpineJsonContext.Default.SpineFindings);
    }

    /// <summary><paramref name="current"/> compared with the prior that <paramref name="history"/> offers
    /// (<see cref="SpinePriorSelector"/>), matched levels inheriting the prior's tracking UIDs; unchanged when there is none.</summary>
    public SpineFindings CompareWithHistory(SpineFindings current, PatientHistory history) =>
        SpineComparer.CompareWithHistory(current, history, comparisonOptions);

    /// <summary>The findings as a value (what <see cref="AnalyzeAsync"/> serialises).</summary>
    public async ValueTask<SpineFindings> AnalyzeCtAsync(SeriesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        CtVolume volume;
        try
        {
            volume = await CtVolumeLoader.LoadAsync(input, _codecs, _volumeOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (CtVolumeException ex)
        {
            // A series with nothing usable is a finding about the series, not a worker crash.
            return Empty(input, "low", [new SpineWarning("volume-unusable", ex.Message)]);
        }
        return Analyze(volume, input, cancellationToken);
    }

    /// <summary>Steps 2–5 on a loaded volume.</summary>
    public SpineFindings Analyze(CtVolume volume, SeriesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(input);
        var warnings = volume.Warnings.Select(w => new SpineWarning(w.Code, w.Message)).ToList();
        var found = CtBodyFinder.Find(volume, _options, cancellationToken);
        warnings.AddRange(found.Warnings);
        if (found.Labels is null) return Empty(input, found.LabelConfidence, warnings);
        var labels = LabelHoleFiller.Fill(found.Labels, cancellationToken);
        var measured = VertebralBodyMeasurer.Measure(volume, labels, refineWithHu: true, _options, cancellationToken);
        var vertebrae = GenantGrader.GradeAll(measured, _options, warnings);
        vertebrae = SpineLesionFinder.Apply(volume, labels, vertebrae, _options, cancellationToken);
        return Empty(input, found.LabelConfidence, warnings) with
        {
            Vertebrae = vertebrae,
            FlaggedLevels = [.. vertebrae.Where(v => v.GenantGrade >= 1).Select(v => v.Level)],
        };
    }

    private SpineFindings Empty(SeriesInput input, string confidence, List<SpineWarning> warnings, string method = CtBodyFinder.Source) => new()
    {
        AnalyzerVersion = Version,
        Modality = input.Metadata.Modality?.Trim() ?? "CT",
        StudyInstanceUid = input.Metadata.StudyInstanceUid,
        SeriesInstanceUid = input.Metadata.SeriesInstanceUid,
        SourceSeriesInstanceUid = input.Metadata.SeriesInstanceUid,
        SeriesDate = input.Metadata.SeriesDate,
        Method = method,
        LabelConfidence = confidence,
        Warnings = warnings,
    };
}
