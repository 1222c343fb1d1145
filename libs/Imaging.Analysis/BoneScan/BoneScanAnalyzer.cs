using Imaging.Analysis.Metadata;
using Imaging.Analysis.Routing;
using Imaging.Dicom.Imaging;

namespace Imaging.Analysis.BoneScan;

/// <summary>Counts skeletal lesions on NM whole-body bone scans (issue 6): loads the views, runs
/// <see cref="BoneScanPipeline"/>, and keeps the result as <see cref="BoneScanFindings"/>.</summary>
public sealed class BoneScanAnalyzer(BoneScanOptions? options = null, PixelCodecRegistry? codecs = null) : ISeriesAnalyzer
{
    /// <summary>The analyzer name under which bone-scan findings are kept.</summary>
    public const string AnalyzerName = "bone-scan";

    private readonly BoneScanOptions _options = options ?? BoneScanOptions.Default;

    public string Name => AnalyzerName;

    /// <summary>Bumped whenever the algorithm, its defaults or the payload schema change.</summary>
    public string Version => "0.1";

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

    public ValueTask<AnalyzerFindings> AnalyzeAsync(SeriesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        var findings = Analyze(input, cancellationToken);
        return ValueTask.FromResult(AnalyzerFindings.FromValue(findings, BoneScanJsonContext.Default.BoneScanFindings));
    }

    /// <summary>The findings as a value (what <see cref="AnalyzeAsync"/> serialises).</summary>
    public BoneScanFindings Analyze(SeriesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var study = BoneScanStudyLoader.Load(input, codecs, cancellationToken);
        try
        {
            return BoneScanPipeline.Analyze(study, _options, Version, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Images that break an assumption of the analysis are a finding about this series, not a worker crash.
            return new BoneScanFindings
            {
                AnalyzerVersion = Version,
                StudyInstanceUid = study.StudyInstanceUid,
                SeriesInstanceUid = study.SeriesInstanceUid,
                Status = TracerStatus.Failed,
                Tracer = study.TracerDescription,
                Qc = new BoneScanQc { Warnings = [.. study.Warnings, $"analysis failed: {ex.GetType().Name}: {ex.Message}"] },
            };
        }
    }
}
