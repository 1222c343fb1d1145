using Imaging.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.DicomWeb;

/// <summary>WADO-RS metadata (PS3.18 section 10.4.1.1.2): the study's, series' or instance's instances as one
/// application/dicom+json array, streamed from the precomputed sidecars.</summary>
internal static partial class MetadataRetrieve
{
    public const string MediaType = "application/dicom+json";

    public static async Task<IResult> GetAsync(HttpContext context, DicomWebResources resources, InstanceMetadataFiles metadata, ILogger logger,
        string study, string? series, string? instance, CancellationToken cancellationToken)
    {
        var accept = AcceptedMediaType.Parse(context.Request.Headers.Accept);
        if (accept is not null && !accept.Any(a => a.IsAny || a.MediaType is MediaType or "application/json" or "application/*"))
            return DicomWebProblems.NotAcceptable($"Metadata is served as {MediaType} only (application/dicom+xml is not supported).");
        var (instances, problem) = await resources.FindAsync(study, series, instance, cancellationToken).ConfigureAwait(false);
        if (problem is not null) return problem;

        // Sidecars missing (instances stored before precomputing) are made before the first byte goes out, so a failure
        // is still a clean problem response, not a cut array.
        var paths = new List<string>(instances!.Count);
        foreach (var record in instances)
        {
            try
            {
                paths.Add(await metadata.EnsureAsync(record, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is Imaging.Dicom.IO.DicomFormatException or Imaging.Dicom.Json.DicomJsonException or Imaging.Dicom.Data.DicomValueException
                or IOException)
            {
                Unreadable(logger, record.SopInstanceUid, ex);
                return DicomWebProblems.Unprocessable($"The stored instance {record.SopInstanceUid} cannot be read: {ex.Message}");
            }
        }
        return TypedResults.Stream(stream => WriteArrayAsync(stream, paths, context.RequestAborted), MediaType);
    }

    private static async Task WriteArrayAsync(Stream output, IReadOnlyList<string> sidecars, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        await output.WriteAsync("["u8.ToArray(), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < sidecars.Count; i++)
        {
            if (i > 0) await output.WriteAsync(","u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await using var file = new FileStream(sidecars[i], FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous);
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        await output.WriteAsync("]"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 81, Level = LogLevel.Warning, Message = "DICOMweb metadata: the stored instance {SopInstanceUid} cannot be read")]
    private static partial void Unreadable(ILogger logger, string sopInstanceUid, Exception exception);
}
