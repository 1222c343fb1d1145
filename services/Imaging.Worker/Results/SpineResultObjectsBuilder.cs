using System.Text.Json;
using Imaging.Analysis.Spine;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Reporting;
using Imaging.Reporting.Spine;
using Imaging.Storage;

namespace Imaging.Worker.Results;

/// <summary>Spine findings → TID 1500 SR (one group per level), sagittal key image and key object selection
/// (<see cref="SpineReportBuilder"/>); compressed series decode through <see cref="PixelCodecRegistry.Default"/>, where the
/// host registers its codecs at start (as for the analysis).</summary>
public sealed class SpineResultObjectsBuilder : IResultObjectsBuilder
{
    public string Analyzer => SpineAnalyzer.AnalyzerName;

    /// <summary>The image series a SEG series' findings were measured on (<see cref="SpineFindings.SourceSeriesInstanceUid"/>);
    /// the findings' own series otherwise, and when the payload does not say (BuildAsync then reports what is wrong with it).</summary>
    public string SourceSeriesOf(FindingsRecord findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        try
        {
            var source = JsonSerializer.Deserialize(findings.Payload, SpineJsonContext.Default.SpineFindings)?.SourceSeriesInstanceUid;
            return string.IsNullOrWhiteSpace(source) ? findings.SeriesInstanceUid : source;
        }
        catch (JsonException)
        {
            return findings.SeriesInstanceUid;
        }
    }

    public async ValueTask<IReadOnlyList<DicomFile>> BuildAsync(FindingsRecord findings, IReadOnlyList<DicomFile> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(sources);
        SpineFindings? document;
        try
        {
            document = JsonSerializer.Deserialize(findings.Payload, SpineJsonContext.Default.SpineFindings);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The {Analyzer} findings of series {findings.SeriesInstanceUid} are not readable: {ex.Message}", nameof(findings), ex);
        }
        if (document is null || !SpineReportBuilder.CanReport(document)) return [];
        cancellationToken.ThrowIfCancellationRequested();
        // The record's identity, not the payload's, names the objects: it is what the store and the message agree on.
        document = document with { SeriesInstanceUid = findings.SeriesInstanceUid, AnalyzerVersion = findings.AnalyzerVersion };
        var set = await SpineReportBuilder.BuildAsync(document, sources, findings.ReadyVersion, findings.ProducedAt, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return [MeasurementReportWriter.ToFile(set.Report), KeyImageWriter.ToFile(set.KeyImage), KeyObjectSelectionWriter.ToFile(set.KeyObjects)];
    }
}
