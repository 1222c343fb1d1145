using System.Globalization;
using Imaging.Contracts;
using Imaging.Dicom.Data;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Worker.Results;

/// <summary>Sends the DICOM objects made from one findings record to the configured destination: loads the record and
/// the series' instances, builds the objects with the analyzer's <see cref="IResultObjectsBuilder"/>, C-STOREs them.
/// Network failures are thrown (the bus retries); a destination that refuses an object is logged and not retried.</summary>
public sealed class ResultsPublisher(
    IOptionsMonitor<ResultsOptions> options,
    IFindingsStore findings,
    IInstanceIndex index,
    IBlobStore blobs,
    IEnumerable<IResultObjectsBuilder> builders,
    ILogger<ResultsPublisher> logger)
{
    /// <summary>Delivers the results of <paramref name="message"/>.</summary>
    /// <exception cref="Exception">Storage or network failures that a retry may cure (unreachable destination, aborted or
    /// transiently rejected association, timeouts).</exception>
    public async Task<ResultsDelivery> PublishAsync(FindingsProduced message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var destination = options.CurrentValue.Destination;
        if (destination is null || !destination.IsConfigured)
        {
            ResultsLog.NotConfigured(logger, message.SeriesInstanceUid ?? "", message.Analyzer ?? "");
            return new ResultsDelivery(ResultsDeliveryStatus.NotConfigured);
        }
        var builder = builders.FirstOrDefault(b => string.Equals(b.Analyzer, message.Analyzer, StringComparison.Ordinal));
        if (builder is null) return Skip(message, $"no result objects for analyzer '{message.Analyzer}'");
        if (!DicomUidValidator.IsValid(message.SeriesInstanceUid) || !DicomUidValidator.IsValid(message.StudyInstanceUid))
            return Skip(message, "invalid study or series UID in the message");

        var stored = await findings.GetFindingsAsync(message.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
        var record = stored.FirstOrDefault(f => f.Analyzer == message.Analyzer && f.AnalyzerVersion == message.AnalyzerVersion);
        if (record is null) return Skip(message, "the findings are no longer stored");
        // A newer ready version replaced these findings; its own FindingsProduced sends its results.
        if (record.ReadyVersion != message.ReadyVersion) return Skip(message, $"superseded by ready version {record.ReadyVersion}");

        var sources = await ReadSourcesAsync(builder.SourceSeriesOf(record), cancellationToken).ConfigureAwait(false);
        if (sources.Count == 0) return Skip(message, "no readable source instance");

        IReadOnlyList<DicomFile> objects;
        try
        {
            objects = await builder.BuildAsync(record, sources, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or PixelDataException or DicomFormatException or DicomValueException or InvalidDataException)
        {
            ResultsLog.NotBuildable(logger, ex, message.SeriesInstanceUid, message.Analyzer, message.AnalyzerVersion);
            return new ResultsDelivery(ResultsDeliveryStatus.NotBuildable, Reason: ex.Message);
        }
        if (objects.Count == 0) return Skip(message, "nothing to report in these findings");
        return await SendAsync(message, destination, objects, cancellationToken).ConfigureAwait(false);
    }

    private ResultsDelivery Skip(FindingsProduced message, string reason)
    {
        ResultsLog.Skipped(logger, message.SeriesInstanceUid ?? "", message.Analyzer ?? "", message.AnalyzerVersion ?? "", message.ReadyVersion, reason);
        return new ResultsDelivery(ResultsDeliveryStatus.Skipped, Reason: reason);
    }

    private async Task<IReadOnlyList<DicomFile>> ReadSourcesAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        var instances = await index.GetSeriesInstancesAsync(seriesInstanceUid, cancellationToken).ConfigureAwait(false);
        var files = new List<DicomFile>(instances.Count);
        foreach (var instance in instances.OrderBy(i => i.InstanceNumber ?? int.MaxValue).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var file = DicomFileReader.Read(blobs.GetPath(instance.BlobKey));
                if (file.IsPartial) throw new InvalidDataException($"truncated or malformed: {file.Error?.Message}");
                files.Add(file);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One lost blob does not stop the report: the builder works with the views it finds.
                ResultsLog.SourceUnreadable(logger, seriesInstanceUid, instance.SopInstanceUid, ex.Message);
            }
        }
        return files;
    }

    private async Task<ResultsDelivery> SendAsync(FindingsProduced message, ResultsDestinationOptions destination, IReadOnlyList<DicomFile> objects,
        CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("imaging-results-");
        try
        {
            var paths = new List<string>(objects.Count);
            foreach (var dicom in objects)
            {
                var path = Path.Combine(folder.FullName, $"{paths.Count + 1}.dcm");
                await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
                {
                    using var buffer = new MemoryStream();
                    DicomFileWriter.Write(buffer, dicom);
                    buffer.Position = 0;
                    await buffer.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
                }
                paths.Add(path);
            }

            var client = new DicomClient(new DicomClientOptions
            {
                Host = destination.Host!.Trim(),
                Port = destination.Port,
                CalledAETitle = destination.AeTitle!.Trim(),
                CallingAETitle = destination.CallingAeTitle.Trim(),
                ConnectTimeout = destination.ConnectTimeout,
                DimseTimeout = destination.DimseTimeout,
            });
            IReadOnlyList<CStoreResult> results;
            try
            {
                results = await client.StoreAsync(paths, cancellationToken).ConfigureAwait(false);
            }
            catch (DicomAssociationRejectedException rejected) when (rejected.Reject.Result == AssociateRejectResult.Permanent)
            {
                // A called AE title the peer does not know will not become known by retrying; a transient rejection
                // (too many associations) is thrown on, for the bus to retry.
                ResultsLog.RejectedPermanently(logger, message.SeriesInstanceUid, destination.AeTitle!, destination.Host!, destination.Port, rejected.Reject.Description);
                return new ResultsDelivery(ResultsDeliveryStatus.Refused, objects.Count, 0, rejected.Message);
            }

            var kept = 0;
            string? refusal = null;
            foreach (var result in results)
            {
                if (result.Status is { } status && IsStored(status))
                {
                    kept++;
                    continue;
                }
                var why = result.Status is { } failure ? $"C-STORE status 0x{failure.ToString("X4", CultureInfo.InvariantCulture)}" : result.Error ?? "not sent";
                refusal ??= why;
                ResultsLog.Refused(logger, message.SeriesInstanceUid, destination.AeTitle!, destination.Host!, destination.Port, result.SopInstanceUid ?? result.FilePath, why);
            }
            ResultsLog.Sent(logger, message.SeriesInstanceUid, message.Analyzer, destination.AeTitle!, destination.Host!, destination.Port, kept, results.Count);
            return new ResultsDelivery(refusal is null ? ResultsDeliveryStatus.Sent : ResultsDeliveryStatus.Refused, results.Count, kept, refusal);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is not worth failing a delivery for.
            }
        }
    }

    // Warnings (0001, Bxxx) mean the instance was kept, perhaps coerced (PS3.4 B.2.3).
    private static bool IsStored(ushort status) => status == DimseStatus.Success || status == 0x0001 || (status & 0xF000) == 0xB000;
}
