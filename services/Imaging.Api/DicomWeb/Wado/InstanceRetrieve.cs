using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.DicomWeb;

/// <summary>WADO-RS retrieve of a study, series or instance (PS3.18 section 10.4.1.1.1) as
/// <c>multipart/related; type="application/dicom"</c>: Part 10 files streamed one at a time from the blob store, as stored
/// (<c>transfer-syntax=*</c>) or transcoded (default Explicit VR Little Endian).</summary>
internal static partial class InstanceRetrieve
{
    public const string DicomMediaType = "application/dicom";

    /// <summary>The transfer syntax asked for: a UID, or null for "as stored" (<c>*</c>).</summary>
    private sealed record Target(string? TransferSyntaxUid);

    public static async Task<IResult> GetAsync(HttpContext context, DicomWebResources resources, ILogger logger, string study, string? series,
        string? instance, CancellationToken cancellationToken)
    {
        var (target, refusal) = Negotiate(AcceptedMediaType.Parse(context.Request.Headers.Accept));
        if (refusal is not null) return refusal;
        var (instances, problem) = await resources.FindAsync(study, series, instance, cancellationToken).ConfigureAwait(false);
        if (problem is not null) return problem;

        // Everything that can be refused is refused before the first byte: a syntax no registered decoder can leave.
        if (target!.TransferSyntaxUid is { } wanted)
        {
            foreach (var record in instances!)
            {
                if (record.TransferSyntaxUid == wanted) continue;
                if (!DicomTransferSyntax.TryLookup(record.TransferSyntaxUid, out var stored) || (stored.IsEncapsulated && !PixelCodecRegistry.Default.TryGetDecoder(stored, out _)))
                    return DicomWebProblems.NotAcceptable($"Instance {record.SopInstanceUid} is stored in {record.TransferSyntaxUid}, which cannot be transcoded to {wanted} here; ask for transfer-syntax=*.");
            }
        }

        var boundary = MultipartRelatedWriter.NewBoundary();
        return TypedResults.Stream(async body =>
        {
            var writer = new MultipartRelatedWriter(body, boundary);
            var token = context.RequestAborted;
            foreach (var record in instances!)
            {
                var path = resources.PathOf(record);
                if (target.TransferSyntaxUid is null || target.TransferSyntaxUid == record.TransferSyntaxUid)
                {
                    await writer.WritePartAsync($"{DicomMediaType}; transfer-syntax={record.TransferSyntaxUid}", async (stream, ct) =>
                    {
                        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
                        await file.CopyToAsync(stream, ct).ConfigureAwait(false);
                    }, token).ConfigureAwait(false);
                    continue;
                }
                await WriteTranscodedAsync(writer, path, record, target.TransferSyntaxUid, logger, context, token).ConfigureAwait(false);
            }
            await writer.CompleteAsync(token).ConfigureAwait(false);
        }, MultipartRelatedWriter.ContentType(DicomMediaType, boundary));
    }

    private static async Task WriteTranscodedAsync(MultipartRelatedWriter writer, string path, InstanceRecord record, string targetUid, ILogger logger,
        HttpContext context, CancellationToken cancellationToken)
    {
        // One instance at a time in memory (spilling to a temporary file when large), never the series.
        await using var buffer = new FileBufferingWriteStream();
        try
        {
            var file = DicomFileReader.Read(path);
            var transcoded = new DicomTranscoder(PixelCodecRegistry.Default).Transcode(file, DicomTransferSyntax.Lookup(targetUid), cancellationToken);
            DicomFileWriter.Write(buffer, transcoded);
        }
        catch (Exception ex) when (ex is PixelDataException or DicomFormatException or IOException)
        {
            // The headers are gone already: the only honest signal left is to cut the response short.
            TranscodeFailed(logger, record.SopInstanceUid, targetUid, ex);
            context.Abort();
            throw new OperationCanceledException($"Transcoding {record.SopInstanceUid} failed", ex);
        }
        await writer.WritePartAsync($"{DicomMediaType}; transfer-syntax={targetUid}", (stream, ct) => buffer.DrainBufferAsync(stream, ct), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Picks the first acceptable range: multipart/related of application/dicom (or any type), with a transfer
    /// syntax that is "*" or one we can write. No Accept header means the default, Explicit VR Little Endian.</summary>
    private static (Target? Target, IResult? Refusal) Negotiate(IReadOnlyList<AcceptedMediaType>? accept)
    {
        var defaultTarget = new Target(DicomTransferSyntax.ExplicitVRLittleEndian.Uid);
        if (accept is null || accept.Count == 0) return (defaultTarget, null);
        var reasons = new List<string>();
        foreach (var range in accept)
        {
            if (range.IsAny || range.MediaType is "multipart/*") return (defaultTarget, null);
            if (range.MediaType is not ("multipart/related" or DicomMediaType))
            {
                reasons.Add($"'{range.MediaType}' is not served here");
                continue;
            }
            var type = range.MediaType == DicomMediaType ? DicomMediaType : range.Parameter("type") ?? DicomMediaType;
            if (!string.Equals(type, DicomMediaType, StringComparison.OrdinalIgnoreCase))
            {
                reasons.Add($"type=\"{type}\" is not served here (only {DicomMediaType})");
                continue;
            }
            var syntax = range.Parameter("transfer-syntax");
            if (syntax is null) return (defaultTarget, null);
            if (syntax == "*") return (new Target(null), null);
            if (DicomTransferSyntax.TryLookup(syntax, out var ts) && !ts.IsDeflated && new DicomTranscoder(PixelCodecRegistry.Default).CanWrite(ts))
                return (new Target(ts.Uid), null);
            reasons.Add($"transfer-syntax={syntax} cannot be produced");
        }
        return (null, DicomWebProblems.NotAcceptable($"No acceptable representation: {string.Join("; ", reasons)}. Ask for multipart/related; type=\"{DicomMediaType}\" with transfer-syntax=* (as stored) or {DicomTransferSyntax.ExplicitVRLittleEndian.Uid}."));
    }

    [LoggerMessage(EventId = 82, Level = LogLevel.Error, Message = "WADO-RS: transcoding {SopInstanceUid} to {TransferSyntax} failed; the response was cut short")]
    private static partial void TranscodeFailed(ILogger logger, string sopInstanceUid, string transferSyntax, Exception exception);
}
