using Imaging.Analysis.Metadata;
using Imaging.Analysis.Spine.Seg;

namespace Imaging.Analysis.Spine;

public sealed partial class SpineAnalyzer
{
    private const string SegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.4";

    private static bool IsSegmentation(SeriesMetadata metadata) =>
        string.Equals(metadata.Modality?.Trim(), "SEG", StringComparison.OrdinalIgnoreCase)
        && (metadata.SopClassUid is null || metadata.SopClassUid.Trim() == SegmentationStorage);

    /// <summary>A SEG series whose segments name a vertebral level (<see cref="VertebraLevelNames"/>, the same texts in the same
    /// order as <see cref="SegLabelSource"/> reads them). A liver or lung SEG is no spine question: it gets no spine finding at
    /// all rather than a <c>seg-no-vertebra</c> warning on every such series. Metadata without segment information (built by
    /// hand, not by <see cref="SeriesMetadataExtractor"/>) is given the benefit of the doubt; the analysis still refuses it.</summary>
    private static bool IsVertebraSegmentation(SeriesMetadata metadata) =>
        IsSegmentation(metadata)
        && (metadata.Segments is not { } segments
            || segments.Any(s => (VertebraLevelNames.Parse(s.Label) ?? VertebraLevelNames.Parse(s.PropertyType) ?? VertebraLevelNames.Parse(s.Description)) is not null));

    /// <summary>The SEG path for either modality: the image series' volume, the SEG's vertebra segments as the labels
    /// (<see cref="SegLabelSource"/>, replacing steps 2–4), the shared measurer (end plates refined on CT only) and the
    /// grader. Method <c>seg</c>; label confidence high (the producer named the levels). Throws
    /// <see cref="SegLabelException"/> when no vertebral level of the SEG lands on the images.</summary>
    public async ValueTask<SpineFindings> AnalyzeWithSegAsync(SeriesInput images, IReadOnlyList<InstanceFile> segFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(segFiles);
        cancellationToken.ThrowIfCancellationRequested();
        var warnings = new List<SpineWarning>();
        var volume = await LoadAsync(images, warnings, cancellationToken).ConfigureAwait(false);
        if (volume is null) return Empty(images, "low", warnings, SegLabelSource.Source);
        var result = await SegLabelSource.LoadAsync(images, volume, segFiles, _codecs, null, cancellationToken).ConfigureAwait(false);
        warnings.AddRange(result.Warnings.Select(w => new SpineWarning(w.Code, w.Message)));
        // A level cut by the field of view would report the field of view's height as its own, and bend its neighbour's axis.
        var labels = Without(result.Labels, result.PartialLevels);
        if (labels.Levels.Count == 0) return Empty(images, "high", warnings, SegLabelSource.Source);
        return MeasureLabelled(volume, labels, refineWithHu: !IsMr(images.Metadata), images, "high", warnings, cancellationToken);
    }

    /// <summary><see cref="AnalyzeWithSegAsync"/> finished as <see cref="AnalyzeAsync"/> finishes a series: tracking UIDs and,
    /// with a prior source, the comparison with the patient's prior spine study (<c>imaging analyze SERIES --seg SEG --prior PRIOR</c>).</summary>
    public async ValueTask<AnalyzerFindings> AnalyzeSegAsync(SeriesInput images, IReadOnlyList<InstanceFile> segFiles, CancellationToken cancellationToken)
    {
        var findings = await AnalyzeWithSegAsync(images, segFiles, cancellationToken).ConfigureAwait(false);
        return await CompleteAsync(findings, cancellationToken).ConfigureAwait(false);
    }

    private static VertebralBodyLabels Without(VertebralBodyLabels labels, IReadOnlyList<string> levels)
    {
        if (levels.Count == 0) return labels;
        var dropped = new bool[256];
        foreach (var (value, level) in labels.Levels) dropped[value] = levels.Contains(level);
        var kept = (byte[])labels.Labels.Clone();
        for (var i = 0; i < kept.Length; i++)
            if (dropped[kept[i]]) kept[i] = 0;
        return labels with { Labels = kept, Levels = labels.Levels.Where(l => !dropped[l.Key]).ToDictionary() };
    }

    /// <summary>A SEG series arriving on its own (the worker): its images are fetched from <see cref="IReferencedSeriesSource"/>
    /// (the series it names, else one in its Frame of Reference) and measured with its labels; the findings belong to the SEG
    /// series and name the image series in <see cref="SpineFindings.SourceSeriesInstanceUid"/>. Whatever stops that (no
    /// vertebra segment, images not stored yet, labels off the images) is a warning finding, never an exception.</summary>
    private async ValueTask<SpineFindings> AnalyzeSegSeriesAsync(SeriesInput seg, CancellationToken cancellationToken)
    {
        var segFiles = seg.Instances.Select(i => i.File).ToList();
        var reference = await SegReference.ReadAsync(segFiles, cancellationToken).ConfigureAwait(false);
        if (reference.Levels.Count == 0)
            return Refused(SpineWarningCodes.SegNoVertebra, reference.Unreadable.Count > 0 && reference.FrameOfReferenceUid is null
                ? $"No readable SEG instance: {reference.Unreadable[0]}"
                : "The SEG has no vertebra segment (no segment names a level C1–S5): nothing to measure.");
        var named = reference.ReferencedSeriesInstanceUids.Count == 0 ? "no series" : $"series {string.Join(", ", reference.ReferencedSeriesInstanceUids)}";
        var images = _referencedSeries is null ? null : await _referencedSeries.FindAsync(
            new ReferencedSeriesRequest(seg.Metadata.StudyInstanceUid, reference.ReferencedSeriesInstanceUids, reference.FrameOfReferenceUid, seg.Metadata.SeriesInstanceUid),
            cancellationToken).ConfigureAwait(false);
        if (_referencedSeries is null)
            return Refused(SpineWarningCodes.SegReferencedSeriesMissing,
                $"The SEG segments {named}; there is no image store here to find it in (imaging analyze SERIESDIR --seg SEG measures a SEG on its series).");
        if (images is null)
            return Refused(SpineWarningCodes.SegReferencedSeriesMissing,
                $"The SEG segments {named} (Frame of Reference {reference.FrameOfReferenceUid ?? "none"}), which is not stored yet: it is measured when those images become ready (the worker analyses it again then).");
        if (images.Metadata.Modality?.Trim().ToUpperInvariant() is not ("CT" or "MR"))
            return Refused(SpineWarningCodes.SegUnusable, $"The SEG's images (series {images.Metadata.SeriesInstanceUid}) are {images.Metadata.Modality ?? "of no modality"}, not CT or MR.");

        SpineFindings findings;
        try
        {
            findings = await AnalyzeWithSegAsync(images, segFiles, cancellationToken).ConfigureAwait(false);
        }
        catch (SegLabelException ex)
        {
            return Refused(SpineWarningCodes.SegUnusable, $"The SEG's labels do not fit series {images.Metadata.SeriesInstanceUid}: {ex.Message}") with
            {
                SourceSeriesInstanceUid = images.Metadata.SeriesInstanceUid,
            };
        }
        return findings with
        {
            StudyInstanceUid = seg.Metadata.StudyInstanceUid ?? findings.StudyInstanceUid,
            SeriesInstanceUid = seg.Metadata.SeriesInstanceUid,
        };

        SpineFindings Refused(string code, string message) => Empty(seg, "low", [new SpineWarning(code, message)], SegLabelSource.Source) with
        {
            SourceSeriesInstanceUid = null,
        };
    }
}
