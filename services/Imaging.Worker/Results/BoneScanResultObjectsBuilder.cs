using System.Text.Json;
using Imaging.Analysis.BoneScan;
using Imaging.Dicom.IO;
using Imaging.Reporting;
using Imaging.Reporting.BoneScan;
using Imaging.Storage;

namespace Imaging.Worker.Results;

/// <summary>Bone-scan findings → TID 1500 SR, key image and key object selection (<see cref="BoneScanReportBuilder"/>).</summary>
public sealed class BoneScanResultObjectsBuilder : IResultObjectsBuilder
{
    public string Analyzer => BoneScanAnalyzer.AnalyzerName;

    public ValueTask<IReadOnlyList<DicomFile>> BuildAsync(FindingsRecord findings, IReadOnlyList<DicomFile> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(sources);
        BoneScanFindings? document;
        try
        {
            document = JsonSerializer.Deserialize(findings.Payload, BoneScanJsonContext.Default.BoneScanFindings);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The {Analyzer} findings of series {findings.SeriesInstanceUid} are not readable: {ex.Message}", nameof(findings), ex);
        }
        if (document is null || !BoneScanReportBuilder.CanReport(document)) return ValueTask.FromResult<IReadOnlyList<DicomFile>>([]);
        cancellationToken.ThrowIfCancellationRequested();
        // The record's identity, not the payload's, names the objects: it is what the store and the message agree on.
        document = document with { SeriesInstanceUid = findings.SeriesInstanceUid, AnalyzerVersion = findings.AnalyzerVersion };
        var set = BoneScanReportBuilder.Build(document, sources, findings.ReadyVersion, findings.ProducedAt);
        return ValueTask.FromResult<IReadOnlyList<DicomFile>>(
            [MeasurementReportWriter.ToFile(set.Report), KeyImageWriter.ToFile(set.KeyImage), KeyObjectSelectionWriter.ToFile(set.KeyObjects)]);
    }
}
