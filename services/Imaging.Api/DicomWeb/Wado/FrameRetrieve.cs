using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.DicomWeb;

/// <summary>WADO-RS frames (PS3.18 section 10.4.1.1.4): <c>multipart/related; type="application/octet-stream"</c> with the
/// decoded little-endian frame bytes, or each frame as stored (image/jls, image/jpeg, image/jp2...) when the Accept
/// header names that media type or <c>transfer-syntax=*</c>.</summary>
internal static partial class FrameRetrieve
{
    public const string OctetStream = "application/octet-stream";

    public static async Task<IResult> GetAsync(HttpContext context, DicomWebResources resources, IOptions<DicomWebOptions> options, ILogger logger,
        string study, string series, string instance, string frames, CancellationToken cancellationToken)
    {
        if (!FrameList.TryParse(frames, options.Value.MaxFramesPerRequest, out var numbers, out var error))
            return ApiProblems.InvalidParameter("frames", error);
        var (instances, problem) = await resources.FindAsync(study, series, instance, cancellationToken).ConfigureAwait(false);
        if (problem is not null) return problem;
        var record = instances![0];
        var (pixels, pixelProblem) = OpenPixels(resources.PathOf(record), record.SopInstanceUid, logger);
        if (pixelProblem is not null) return pixelProblem;
        var missing = numbers.FirstOrDefault(n => n > pixels!.FrameCount);
        if (missing != 0)
            return DicomWebProblems.NotFound("Frame not found", $"Instance {instance} has {pixels!.FrameCount} frame(s); frame {missing} does not exist.");
        return Respond(context, pixels!, numbers, AcceptedMediaType.Parse(context.Request.Headers.Accept), logger, record.SopInstanceUid);
    }

    /// <summary>The pixel data of a stored instance, or the problem that says why there is none.</summary>
    public static (DicomPixelData? Pixels, IResult? Problem) OpenPixels(string path, string sopInstanceUid, ILogger logger)
    {
        try
        {
            var file = DicomFileReader.Read(path);
            return (DicomPixelData.Create(file.Dataset, file.TransferSyntax), null);
        }
        catch (PixelDataException ex)
        {
            return (null, DicomWebProblems.NotFound("No pixel data", $"Instance {sopInstanceUid} has no usable pixel data: {ex.Message}"));
        }
        catch (Exception ex) when (ex is DicomFormatException or IOException)
        {
            Unreadable(logger, sopInstanceUid, ex);
            return (null, DicomWebProblems.Unprocessable($"The stored instance {sopInstanceUid} cannot be read: {ex.Message}"));
        }
    }

    /// <summary>Answers with the frames in the representation the Accept header allows (see the class remarks).</summary>
    public static IResult Respond(HttpContext context, DicomPixelData pixels, IReadOnlyList<int> numbers, IReadOnlyList<AcceptedMediaType>? accept,
        ILogger logger, string sopInstanceUid)
    {
        var storedUid = pixels.TransferSyntax.Uid;
        var storedType = pixels.IsEncapsulated ? TransferSyntaxMediaTypes.Of(storedUid) : OctetStream;
        bool? asStored = null;
        foreach (var range in accept ?? [])
        {
            if (range.IsAny || range.MediaType is "multipart/*") { asStored = false; break; }
            if (range.MediaType != "multipart/related") continue;
            var type = range.Parameter("type") ?? OctetStream;
            var syntax = range.Parameter("transfer-syntax");
            if (syntax == "*") { asStored = true; break; }
            if (type == OctetStream && (syntax is null || syntax == DicomTransferSyntax.ExplicitVRLittleEndian.Uid)) { asStored = false; break; }
            if (pixels.IsEncapsulated && (type == storedType || type is "image/*") && (syntax is null || syntax == storedUid)) { asStored = true; break; }
        }
        if (accept is null || accept.Count == 0) asStored = false;
        if (asStored is null)
            return DicomWebProblems.NotAcceptable($"The frames are available as multipart/related; type=\"{OctetStream}\" (decoded) or, as stored, type=\"{storedType ?? OctetStream}\"; transfer-syntax={storedUid}.");
        if (asStored == false && pixels.IsEncapsulated && !PixelCodecRegistry.Default.TryGetDecoder(pixels.TransferSyntax, out _))
            return DicomWebProblems.NotAcceptable($"Frames stored in {storedUid} cannot be decoded here; ask for transfer-syntax=*.");

        var partType = asStored == true && pixels.IsEncapsulated ? storedType ?? OctetStream : OctetStream;
        var partSyntax = asStored == true ? storedUid : DicomTransferSyntax.ExplicitVRLittleEndian.Uid;
        var boundary = MultipartRelatedWriter.NewBoundary();
        return TypedResults.Stream(async body =>
        {
            var writer = new MultipartRelatedWriter(body, boundary);
            var token = context.RequestAborted;
            foreach (var number in numbers)
            {
                ReadOnlyMemory<byte> bytes;
                try
                {
                    bytes = asStored == true || !pixels.IsEncapsulated ? pixels.GetFrameData(number - 1) : Decode(pixels, number - 1);
                }
                catch (PixelDataException ex)
                {
                    FrameFailed(logger, sopInstanceUid, number, ex);
                    context.Abort();
                    throw new OperationCanceledException($"Frame {number} of {sopInstanceUid} failed", ex);
                }
                await writer.WritePartAsync($"{partType}; transfer-syntax={partSyntax}", bytes, token).ConfigureAwait(false);
            }
            await writer.CompleteAsync(token).ConfigureAwait(false);
        }, MultipartRelatedWriter.ContentType(partType, boundary));
    }

    private static byte[] Decode(DicomPixelData pixels, int frame)
    {
        var bytes = new byte[pixels.Description.FrameLength];
        pixels.DecodeFrame(frame, bytes);
        return bytes;
    }

    [LoggerMessage(EventId = 83, Level = LogLevel.Warning, Message = "WADO-RS: the stored instance {SopInstanceUid} cannot be read")]
    private static partial void Unreadable(ILogger logger, string sopInstanceUid, Exception exception);

    [LoggerMessage(EventId = 84, Level = LogLevel.Error, Message = "WADO-RS: frame {Frame} of {SopInstanceUid} could not be decoded; the response was cut short")]
    private static partial void FrameFailed(ILogger logger, string sopInstanceUid, int frame, Exception exception);
}
