using Imaging.Analysis.BoneScan.Comparison;
using Imaging.Analysis.Metadata;
using Imaging.Analysis.Routing;
using Imaging.Dicom.Imaging;

namespace Imaging.Analysis.BoneScan;

/// <summary>Counts skeletal lesions on NM whole-body bone scans (issue 6): loads the views, runs
/// <see cref="BoneScanPipeline"/>, and keeps the result as <see cref="BoneScanFindings"/>; with a prior-findings source,
/// compares counted scans with the patient's prior bone scan (<see cref="BoneScanComparer"/>).</summary>
public sealed class BoneScanAnalyzer(
    BoneScanOptions? options = null,
    PixelCodecRegistry? codecs = null,
    IPriorFindingsSource? priors = null,
    BoneScanComparisonOptions? comparisonOptions = null) : ISeriesAnalyzer
{
    /// <summary>The analyzer name under which bone-scan findings are kept.</summary>
    public const string AnalyzerName = "bone-scan";

    private readonly BoneScanOptions _options = options ?? BoneScanOptions.Default;
    private readonly BoneScanComparisonOptions _comparisonOptions = comparisonOptions ?? BoneScanComparisonOptions.Default;

    public string Name => AnalyzerName;

    /// <summary>Bumped whenever the algorithm, its defaults or the payload schema change.</summary>
    public string Version => "0.4.1";

    /// <summary>NM whole-body series: those routed as bone scans, and whole-body NM with a bone-seeking therapy tracer
    /// (Sm-153 EDTMP) or another non-Tc-99m tracer, whose images are recorded though not counted.</summary>
    public bool Accepts(SeriesMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.Content.Kind == SeriesContentKind.NmWholeBodyBoneScan) return true;
        return string.Equals(metadata.Modality?.Trim(), "NM", StringComparison.OrdinalIgnoreCase)
            && metadata.ImageType?.Any(t => t.Contains("WHOLE BODY", StringComparison.OrdinalIgnoreCase)) == true
            && TracerClassifier.Classify(metadata.NuclearMedicine).Status == TracerStatus.NotCounted;
    }

    public async ValueTask<AnalyzerFindings> AnalyzeAsync(SeriesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        var findings = Analyze(input, cancellationToken);
        if (priors is not null && findings.Status is TracerStatus.Analysed or TracerStatus.UnknownTracer)
        {
            // A failing source throws: findings stored without their comparison would never get one.
            var history = await priors.GetHistoryAsync(
                new PriorFindingsRequest(Name, findings.StudyInstanceUid, findings.SeriesInstanceUid, findings.SeriesDate), cancellationToken).ConfigureAwait(false);
            findings = CompareWithHistory(findings, history);
        }
        return AnalyzerFindings.FromValue(findings, BoneScanJsonContext.Default.BoneScanFindings);
    }

    /// <summary><paramref name="current"/> compared with the prior that <paramref name="history"/> offers
    /// (<see cref="BoneScanPriorSelector"/>); unchanged when there is none.</summary>
    public BoneScanFindings CompareWithHistory(BoneScanFindings current, PatientHistory history)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(history);
        // A scan with more foci than a comparison accepts (a superscan gone wrong) is stored without one, not retried forever.
        if (current.Lesions.Count > _comparisonOptions.MaximumLesions) return current;
        var (prior, therapy) = BoneScanPriorSelector.Select(history, current.StudyInstanceUid, current.SeriesDate, _comparisonOptions);
        return prior is null ? current : BoneScanComparer.Compare(prior, current, therapy, _comparisonOptions);
    }

    /// <summary>The findings of this series alone, lesions with their first-seen tracking UIDs (what <see cref="AnalyzeAsync"/>
    /// serialises when there is no prior).</summary>
    public BoneScanFindings Analyze(SeriesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var study = BoneScanStudyLoader.Load(input, codecs, cancellationToken);
        try
        {
            var findings = BoneScanPipeline.Analyze(study, _options, Version, cancellationToken) with { SeriesDate = input.Metadata.SeriesDate };
            return LesionTracking.AssignMissing(findings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Images that break an assumption of the analysis are a finding about this series, not a worker crash.
            return new BoneScanFindings
            {
                AnalyzerVersion = Version,
                StudyInstanceUid = study.StudyInstanceUid,
                SeriesInstanceUid = study.SeriesInstanceUid,
                SeriesDate = input.Metadata.SeriesDate,
                Status = TracerStatus.Failed,
                Tracer = study.TracerDescription,
                Qc = new BoneScanQc { Warnings = [.. study.Warnings, $"analysis failed: {ex.GetType().Name}: {ex.Message}"] },
            };
        }
    }
}
