using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Json;
using Imaging.Gateway.Ingest;
using Imaging.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.DicomWeb;

/// <summary>Each instance's DICOM JSON metadata kept as a sidecar file next to its blob (<c>…/hash.json</c> beside
/// <c>…/hash.dcm</c>): written at ingest, before the index commit, or on first read for instances stored earlier.</summary>
/// <remarks>The sidecar holds exactly one JSON object (the dataset without its file meta group), so series metadata is
/// the sidecars' bytes joined into an array with no parsing. Bulk data (pixel data, binary values over the threshold)
/// appears as BulkDataURI, an absolute path under <see cref="DicomWebOptions.PathPrefix"/>, host-independent, so the
/// same bytes serve any client.</remarks>
public sealed partial class InstanceMetadataFiles : IInstanceMetadataSidecar
{
    private readonly IBlobStore _blobs;
    private readonly DicomWebOptions _options;
    private readonly ILogger _logger;

    public InstanceMetadataFiles(IBlobStore blobs, IOptions<DicomWebOptions> options, ILogger<InstanceMetadataFiles> logger)
    {
        _blobs = blobs;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Where the sidecar of the blob <paramref name="blobKey"/> is.</summary>
    public string SidecarPath(string blobKey) => Path.ChangeExtension(_blobs.GetPath(blobKey), ".json");

    public async Task WriteAsync(string temporaryFilePath, InstanceKey key, CancellationToken cancellationToken)
    {
        var destination = SidecarPath(_blobs.GetKey(key));
        try
        {
            await WriteFromFileAsync(temporaryFilePath, key, destination, durable: true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A resent instance must not keep the metadata of its earlier copy.
            TryDelete(destination);
            throw;
        }
    }

    /// <summary>The sidecar of an indexed instance, computed from its blob and written first if it is missing.</summary>
    public async Task<string> EnsureAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        var path = SidecarPath(record.BlobKey);
        if (File.Exists(path)) return path;
        var key = new InstanceKey(record.StudyInstanceUid, record.SeriesInstanceUid, record.SopInstanceUid);
        await WriteFromFileAsync(_blobs.GetPath(record.BlobKey), key, path, durable: false, cancellationToken).ConfigureAwait(false);
        ComputedOnRead(_logger, record.SopInstanceUid);
        return path;
    }

    /// <summary>The JSON of one instance dataset, as the sidecar holds it.</summary>
    public byte[] Serialize(DicomDataset dataset, InstanceKey key) => new DicomJsonWriter(WriterOptions(key)).WriteToUtf8Bytes(dataset);

    /// <summary>Writer options for one instance: its bulk data URIs point at its own bulkdata resource.</summary>
    public DicomJsonWriterOptions WriterOptions(InstanceKey key)
    {
        var instanceUrl = $"{_options.PathPrefix}/studies/{key.StudyInstanceUid}/series/{key.SeriesInstanceUid}/instances/{key.SopInstanceUid}";
        return new DicomJsonWriterOptions
        {
            BulkDataThreshold = _options.BulkDataThreshold,
            BulkDataUriFactory = path => $"{instanceUrl}/bulkdata/{path}",
            EncapsulatedPixelData = DicomJsonEncapsulatedPixelData.BulkDataUri,
        };
    }

    private async Task WriteFromFileAsync(string sourcePath, InstanceKey key, string destination, bool durable, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Values over the reader's threshold stay on disk: the bulk data is never loaded, only referenced.
        var file = DicomFileReader.Read(sourcePath);
        var json = Serialize(file.Dataset, key);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = Path.Combine(_blobs.IncomingDirectory, $"metadata-{Guid.NewGuid():N}.json");
        try
        {
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await output.WriteAsync(json, cancellationToken).ConfigureAwait(false);
                // At ingest the sidecar must be on disk before the index says the instance exists; the blob store's
                // directory sync that follows makes its name durable with the blob's.
                if (durable) output.Flush(flushToDisk: true);
            }
            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next write of the same instance to replace.
        }
    }

    [LoggerMessage(EventId = 80, Level = LogLevel.Information, Message = "DICOMweb metadata of {SopInstanceUid} computed on first read (stored before precomputing)")]
    private static partial void ComputedOnRead(ILogger logger, string sopInstanceUid);
}
