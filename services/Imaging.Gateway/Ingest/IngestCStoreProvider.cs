using System.Diagnostics;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Storage;
using Microsoft.Extensions.Logging;
using Polly;

namespace Imaging.Gateway.Ingest;

/// <summary>The gateway's storage SCP (ARCHITECTURE.md data flow steps 2-5): validate the received file, move it
/// durably into the blob store, commit it to the index with its outbox row, and only then answer Success.</summary>
/// <remarks>When the index cannot be reached the answer is 0xA700 (out of resources): the sender keeps the instance and
/// retries, so nothing is acknowledged that is not indexed. The blob written before that failure is harmless: a resend
/// replaces it in one rename.</remarks>
public sealed partial class IngestCStoreProvider : ICStoreProvider
{
    /// <summary>Everything before the pixel data: every attribute the index needs, never the bulk of the instance.</summary>
    private static readonly DicomReaderOptions HeaderOnly = new() { StopBeforeTag = DicomTag.PixelData };

    private readonly IBlobStore _blobs;
    private readonly IInstanceIndex _index;
    private readonly SeriesQuietTimeouts _quietTimeouts;
    private readonly ResiliencePipeline _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IInstanceMetadataSidecar? _metadataSidecar;

    /// <param name="metadataSidecar">Optional (DICOMweb): writes the instance's metadata next to its blob before the index
    /// commit; null writes nothing.</param>
    public IngestCStoreProvider(IBlobStore blobs, IInstanceIndex index, SeriesQuietTimeouts quietTimeouts, ResiliencePipeline database,
        TimeProvider time, ILogger<IngestCStoreProvider> logger, IInstanceMetadataSidecar? metadataSidecar = null)
    {
        _metadataSidecar = metadataSidecar;
        _blobs = blobs;
        _index = index;
        _quietTimeouts = quietTimeouts;
        _database = database;
        _time = time;
        _logger = logger;
    }

    public string IncomingDirectory => _blobs.IncomingDirectory;

    /// <summary>Raised once an instance is committed, before Success is answered. Listeners (the outbox relay's wake-up,
    /// the query index) run on the association's task: keep them quick. A listener that throws changes nothing for the
    /// sender: the instance is already kept.</summary>
    public event Action<IngestedInstance>? InstanceIngested;

    public async ValueTask<ushort> OnCStoreAsync(CStoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // One trace per instance: the association span (current here, one per connection, often thousands of instances)
        // is linked rather than made the parent, so each instance's trace ends at its own findings.
        var association = Activity.Current;
        Activity.Current = null;
        using var activity = IngestMetrics.ActivitySource.StartActivity("dicom.c-store ingest", ActivityKind.Server, default(ActivityContext),
            links: association is null ? null : [new ActivityLink(association.Context)]);
        activity?.SetTag("dicom.sop_instance_uid", request.SopInstanceUid);
        activity?.SetTag("dicom.sop_class_uid", request.SopClassUid);
        activity?.SetTag("dicom.calling_ae", request.Association.CallingAETitle);
        var status = await StoreAsync(new IngestRequest(request.TemporaryFilePath, request.SopClassUid, request.SopInstanceUid,
            request.TransferSyntax.Uid, request.Association.CallingAETitle, request.IsDataDurable), cancellationToken).ConfigureAwait(false);
        if (status != DimseStatus.Success)
        {
            IngestMetrics.InstancesRefused.Add(1, new KeyValuePair<string, object?>("status", $"0x{status:X4}"));
            activity?.SetStatus(ActivityStatusCode.Error, $"0x{status:X4}");
        }
        return status;
    }

    /// <summary>Ingests a complete Part 10 file that did not come over DIMSE (STOW-RS): the same checks, blob, index commit,
    /// outbox row and listeners as a C-STORE. The file must be in <see cref="IncomingDirectory"/>; it is moved on
    /// success. Returns the DIMSE status a C-STORE would have answered.</summary>
    public async ValueTask<ushort> IngestFileAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = IngestMetrics.ActivitySource.StartActivity("dicomweb.stow ingest");
        activity?.SetTag("dicom.sop_instance_uid", request.SopInstanceUid);
        var status = await StoreAsync(request, cancellationToken).ConfigureAwait(false);
        if (status != DimseStatus.Success)
        {
            IngestMetrics.InstancesRefused.Add(1, new KeyValuePair<string, object?>("status", $"0x{status:X4}"));
            activity?.SetStatus(ActivityStatusCode.Error, $"0x{status:X4}");
        }
        return status;
    }

    private async ValueTask<ushort> StoreAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        var calling = request.Source;
        if (!DicomUidValidator.IsValid(request.SopClassUid) || !DicomUidValidator.IsValid(request.SopInstanceUid))
            return Refuse(DimseStatus.CannotUnderstand, calling, request.SopInstanceUid, "the command's SOP class or instance UID is not a valid UID");

        DicomDataset header;
        try
        {
            header = DicomFileReader.Read(request.TemporaryFilePath, HeaderOnly).Dataset;
        }
        catch (DicomFormatException ex)
        {
            return Refuse(DimseStatus.CannotUnderstand, calling, request.SopInstanceUid, $"the data set cannot be parsed: {ex.Message}");
        }

        if (header.GetSingleString(DicomTag.SopClassUid) != request.SopClassUid || header.GetSingleString(DicomTag.SopInstanceUid) != request.SopInstanceUid)
            return Refuse(DimseStatus.DataSetDoesNotMatchSopClass, calling, request.SopInstanceUid, "the data set's SOP class or instance UID differs from the command's");
        var study = header.GetSingleString(Imaging.Dicom.Dictionary.DicomTags.StudyInstanceUID);
        var series = header.GetSingleString(Imaging.Dicom.Dictionary.DicomTags.SeriesInstanceUID);
        if (!DicomUidValidator.IsValid(study) || !DicomUidValidator.IsValid(series))
            return Refuse(DimseStatus.CannotUnderstand, calling, request.SopInstanceUid, "Study or Series Instance UID is missing or not a valid UID");

        var key = new InstanceKey(study!, series!, request.SopInstanceUid);
        Activity.Current?.SetTag("dicom.study_instance_uid", study).SetTag("dicom.series_instance_uid", series);
        var size = new FileInfo(request.TemporaryFilePath).Length;
        // DICOMweb metadata hook: its own failure only means the metadata is computed on first read instead.
        if (_metadataSidecar is not null) await WriteMetadataSidecarAsync(request.TemporaryFilePath, key, cancellationToken).ConfigureAwait(false);
        string blobKey;
        ValueTask<string> put;
        var started = Stopwatch.GetTimestamp();
        var ingestActivity = Activity.Current;
        using var blobActivity = IngestMetrics.ActivitySource.StartActivity("blob store");
        try
        {
            blobKey = _blobs.GetKey(key);
            // Returns with the file renamed into place; the task completes once that name is durable.
            put = _blobs.PutAsync(request.TemporaryFilePath, key, request.IsDataDurable, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Refuse(DimseStatus.OutOfResources, calling, request.SopInstanceUid, $"the blob store failed: {ex.Message}");
        }

        // The index commit runs while the blob's name is made durable: two flushes at once instead of one after the
        // other. Success still waits for both. A crash between the two can leave a committed row whose blob name did not
        // reach the disk; the sender heard nothing and sends again, and BlobReconciliation removes such rows at start-up.
        var record = InstanceRecordMapper.Map(header, key, request.SopClassUid, request.TransferSyntaxUid, blobKey, size, calling, _time.GetUtcNow());
        // The commit runs beside the blob's flush: its span is the ingest span's child, not the blob span's.
        Activity.Current = ingestActivity;
        var index = RecordAsync(record, calling, cancellationToken);
        try
        {
            await put.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not acknowledged, so the sender sends again; the row (if it commits) points at the renamed file meanwhile.
            await ObserveAsync(index).ConfigureAwait(false);
            return Refuse(DimseStatus.OutOfResources, calling, request.SopInstanceUid, $"the blob store failed: {ex.Message}");
        }
        IngestMetrics.BlobDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        blobActivity?.Dispose();

        RecordedInstance outcome;
        try
        {
            outcome = await index.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Refuse(DimseStatus.OutOfResources, calling, request.SopInstanceUid, $"the index could not be reached: {ex.Message}");
        }
        IngestMetrics.InstancesStored.Add(1);

        var ingested = new IngestedInstance(record, outcome, header, _blobs.GetPath(blobKey));
        foreach (var listener in InstanceIngested?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<IngestedInstance>)listener)(ingested);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ListenerFailed(_logger, record.SopInstanceUid, ex);
            }
        }
        return DimseStatus.Success;
    }

    /// <summary>Commits the instance and its outbox row through the database pipeline, timing it.</summary>
    private async Task<RecordedInstance> RecordAsync(InstanceRecord record, string calling, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // Current while the store runs: the instance row and its outbox row keep this span's traceparent (migration 0008),
        // which the outbox relay continues.
        using var activity = IngestMetrics.ActivitySource.StartActivity("index commit");
        activity?.SetTag("imaging.outbox.message_type", "InstanceStored");
        var quiet = _quietTimeouts.For(calling);
        var outcome = await _database.ExecuteAsync(
            static async (state, token) => await state.Index.RecordInstanceAsync(state.Record, state.Quiet, token).ConfigureAwait(false),
            (Index: _index, Record: record, Quiet: quiet), cancellationToken).ConfigureAwait(false);
        IngestMetrics.IndexDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return outcome;
    }

    /// <summary>DICOMweb metadata hook: the sidecar is in place (and durable) before the blob and the index row, so an
    /// indexed instance normally has its metadata ready.</summary>
    private async Task WriteMetadataSidecarAsync(string temporaryFilePath, InstanceKey key, CancellationToken cancellationToken)
    {
        try
        {
            await _metadataSidecar!.WriteAsync(temporaryFilePath, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            MetadataSidecarFailed(_logger, key.SopInstanceUid, ex);
        }
    }

    /// <summary>Waits for a commit whose outcome no longer matters (the C-STORE is refused anyway), so that its failure is
    /// observed rather than left to the finalizer.</summary>
    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The refusal already tells the sender to try again.
        }
    }

    private ushort Refuse(ushort status, string calling, string sopInstanceUid, string reason)
    {
        Refused(_logger, sopInstanceUid, calling, status, reason);
        return status;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "C-STORE of {SopInstanceUid} from {CallingAe} refused with 0x{Status:X4}: {Reason}")]
    private static partial void Refused(ILogger logger, string sopInstanceUid, string callingAe, ushort status, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "A listener failed after {SopInstanceUid} was stored; the instance is kept")]
    private static partial void ListenerFailed(ILogger logger, string sopInstanceUid, Exception exception);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "The DICOMweb metadata of {SopInstanceUid} could not be precomputed; it is computed on first read")]
    private static partial void MetadataSidecarFailed(ILogger logger, string sopInstanceUid, Exception exception);
}
