using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Json;
using Imaging.Dicom.Network;
using Imaging.Gateway.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.DicomWeb;

/// <summary>STOW-RS (PS3.18 section 10.5): every part is spooled first, then each instance goes through the gateway's own
/// ingest (<see cref="IngestCStoreProvider.IngestFileAsync"/>: blob, index, outbox, analysis) exactly as a C-STORE would.</summary>
/// <remarks>The answer is a Store Instances Response Module in DICOM JSON: 200 when all were stored, 202 when some failed,
/// 409 when all failed. Where no gateway runs in this process (the API-only role of the distributed mode) there is no
/// ingest path: 503.</remarks>
internal static partial class StowHandler
{
    /// <summary>Source recorded for STOW'd instances where a C-STORE records the calling AE title.</summary>
    public const string Source = "STOW-RS";

    private static readonly DicomReaderOptions HeaderOnly = new() { StopBeforeTag = DicomTag.PixelData };

    public static async Task<IResult> PostAsync(HttpContext context, string prefix, string? study, IOptions<DicomWebOptions> options, ILogger logger,
        CancellationToken cancellationToken)
    {
        if (study is not null && !DicomUidValidator.IsValid(study))
            return ApiProblems.InvalidParameter("study", $"must be a DICOM UID: digits and single dots, at most {DicomUidValidator.MaximumLength} characters.");
        var ingest = context.RequestServices.GetService<IngestCStoreProvider>();
        if (ingest is null)
            return DicomWebProblems.Unavailable("STOW-RS needs the gateway's ingest, which does not run in this process (API-only role); send to a process running the gateway or all roles.");
        var accept = AcceptedMediaType.Parse(context.Request.Headers.Accept);
        if (accept is not null && !accept.Any(a => a.IsAny || a.MediaType is MetadataRetrieve.MediaType or "application/json" or "application/*"))
            return DicomWebProblems.NotAcceptable($"The STOW-RS response is {MetadataRetrieve.MediaType} only.");

        var (parts, problem) = await StowRequestReader.ReadAsync(context.Request, ingest.IncomingDirectory, options.Value.Stow, cancellationToken).ConfigureAwait(false);
        if (problem is not null) return problem;

        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{prefix}";
        var referenced = new List<DicomDataset>();
        var failed = new List<DicomDataset>();
        try
        {
            foreach (var part in parts!)
            {
                var (item, success) = await StoreAsync(part, study, ingest, baseUrl, logger, cancellationToken).ConfigureAwait(false);
                (success ? referenced : failed).Add(item);
            }
        }
        finally
        {
            // Stored parts were moved into the blob store; what is left was refused.
            StowRequestReader.DeleteAll(parts!);
        }

        var response = new DicomDataset();
        if (study is not null) response.SetString(DicomTags.RetrieveURL, DicomVR.UR, $"{baseUrl}/studies/{study}");
        if (failed.Count > 0) response.Set(new DicomSequence(DicomTags.FailedSOPSequence, failed));
        if (referenced.Count > 0) response.Set(new DicomSequence(DicomTags.ReferencedSOPSequence, referenced));
        var status = failed.Count == 0 ? StatusCodes.Status200OK : referenced.Count == 0 ? StatusCodes.Status409Conflict : StatusCodes.Status202Accepted;
        Stored(logger, referenced.Count, failed.Count, status);
        return Results.Text(DicomJsonWriter.Serialize(response), MetadataRetrieve.MediaType, System.Text.Encoding.UTF8, status);
    }

    /// <summary>Ingests one part; the item for the Referenced (true) or Failed (false) SOP Sequence.</summary>
    private static async Task<(DicomDataset Item, bool Success)> StoreAsync(StowPart part, string? study, IngestCStoreProvider ingest, string baseUrl,
        ILogger logger, CancellationToken cancellationToken)
    {
        if (part.ContentType is { } partType && !partType.Split(';')[0].Trim().Equals(InstanceRetrieve.DicomMediaType, StringComparison.OrdinalIgnoreCase))
            return Failed(null, null, StowFailure.CannotUnderstand, logger, $"the part's Content-Type is '{partType}', not {InstanceRetrieve.DicomMediaType}");

        DicomFile header;
        try
        {
            header = DicomFileReader.Read(part.TemporaryFilePath, HeaderOnly);
        }
        catch (DicomFormatException ex)
        {
            return Failed(null, null, StowFailure.CannotUnderstand, logger, $"not a DICOM Part 10 file: {ex.Message}");
        }
        var sopClass = header.Dataset.GetSingleString(DicomTag.SopClassUid);
        var sopInstance = header.Dataset.GetSingleString(DicomTag.SopInstanceUid);
        if (header.FileMetaInformation.Count == 0)
            return Failed(sopClass, sopInstance, StowFailure.CannotUnderstand, logger, "the part is not a Part 10 file (no file meta information)");
        if (!DicomUidValidator.IsValid(sopClass) || !DicomUidValidator.IsValid(sopInstance))
            return Failed(sopClass, sopInstance, StowFailure.CannotUnderstand, logger, "SOP Class or SOP Instance UID is missing or not a valid UID");
        var instanceStudy = header.Dataset.GetSingleString(DicomTags.StudyInstanceUID);
        if (study is not null && instanceStudy != study)
            return Failed(sopClass, sopInstance, StowFailure.StudyMismatch, logger, $"its Study Instance UID {instanceStudy} is not the {study} of the request URL");

        var status = await ingest.IngestFileAsync(new IngestRequest(part.TemporaryFilePath, sopClass!, sopInstance!, header.TransferSyntax.Uid, Source,
            IsDataDurable: false), cancellationToken).ConfigureAwait(false);
        if (status != DimseStatus.Success)
            return Failed(sopClass, sopInstance, status, logger, $"ingest refused it with 0x{status:X4}");

        var item = Reference(sopClass, sopInstance);
        var series = header.Dataset.GetSingleString(DicomTags.SeriesInstanceUID);
        item.SetString(DicomTags.RetrieveURL, DicomVR.UR, $"{baseUrl}/studies/{instanceStudy}/series/{series}/instances/{sopInstance}");
        return (item, true);
    }

    private static (DicomDataset, bool) Failed(string? sopClass, string? sopInstance, ushort reason, ILogger logger, string why)
    {
        PartFailed(logger, sopInstance ?? "(unknown)", reason, why);
        var item = Reference(sopClass, sopInstance);
        item.SetValues(DicomTags.FailureReason, DicomVR.US, reason);
        return (item, false);
    }

    private static DicomDataset Reference(string? sopClass, string? sopInstance)
    {
        var item = new DicomDataset();
        if (sopClass is not null) item.SetString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, sopClass);
        if (sopInstance is not null) item.SetString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, sopInstance);
        return item;
    }

    [LoggerMessage(EventId = 86, Level = LogLevel.Warning, Message = "STOW-RS: instance {SopInstanceUid} not stored, failure reason 0x{Reason:X4}: {Why}")]
    private static partial void PartFailed(ILogger logger, string sopInstanceUid, ushort reason, string why);

    [LoggerMessage(EventId = 87, Level = LogLevel.Information, Message = "STOW-RS: {Stored} instance(s) stored, {Failed} failed, answered {Status}")]
    private static partial void Stored(ILogger logger, int stored, int failed, int status);
}
