using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Rendering;
using Imaging.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.DicomWeb;

/// <summary>WADO-RS rendered and thumbnail resources (PS3.18 sections 10.4.1.1.3 and 10.4.1.1.5): one frame through the
/// modality, VOI and presentation LUTs (or the <c>window</c> asked for), fitted into the viewport, as JPEG or PNG.</summary>
/// <remarks>Each frame is its own picture: a whole-body NM scan's anterior and posterior views are frames 1 and 2.
/// Series and study resources render the series' middle instance (the study's first series), frame 1.</remarks>
internal static partial class RenderedRetrieve
{
    public static async Task<IResult> GetAsync(HttpContext context, DicomWebResources resources, IOptions<DicomWebOptions> options, ILogger logger,
        string study, string? series, string? instance, string? frames, bool thumbnail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!RenderParameters.TryParse(context.Request.Query, settings.MaxViewportSize, out var parameters, out var error))
            return ApiProblems.InvalidParameter(error.Name, error.Message);
        if (thumbnail && parameters.ViewportWidth is null)
            parameters = parameters with { ViewportWidth = settings.ThumbnailSize, ViewportHeight = settings.ThumbnailSize };
        var frame = 1;
        if (frames is not null)
        {
            if (!FrameList.TryParse(frames, settings.MaxFramesPerRequest, out var numbers, out var frameError))
                return ApiProblems.InvalidParameter("frames", frameError);
            if (numbers.Length != 1) return ApiProblems.InvalidParameter("frames", "a rendered frame is one frame number (multi-frame pictures are not produced)");
            frame = numbers[0];
        }
        var format = Negotiate(AcceptedMediaType.Parse(context.Request.Headers.Accept));
        if (format is null) return DicomWebProblems.NotAcceptable("Rendered images are image/jpeg (the default) or image/png.");

        var (instances, problem) = await resources.FindAsync(study, series, instance, cancellationToken).ConfigureAwait(false);
        if (problem is not null) return problem;
        var record = Representative(instances!, series is null);

        RenderedFrame rendered;
        try
        {
            var file = DicomFileReader.Read(resources.PathOf(record));
            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
            if (frame > pixels.FrameCount)
                return DicomWebProblems.NotFound("Frame not found", $"Instance {record.SopInstanceUid} has {pixels.FrameCount} frame(s); frame {frame} does not exist.");
            rendered = FrameRenderer.Render(file, frame - 1, new RenderOptions { Window = parameters.Window });
        }
        catch (PixelDataException ex)
        {
            return DicomWebProblems.NotFound("Nothing to render", $"Instance {record.SopInstanceUid} cannot be rendered: {ex.Message}");
        }
        catch (Exception ex) when (ex is DicomFormatException or IOException or Imaging.Dicom.Data.DicomValueException or ArgumentException)
        {
            Unrenderable(logger, record.SopInstanceUid, ex);
            return DicomWebProblems.Unprocessable($"Instance {record.SopInstanceUid} cannot be rendered: {ex.Message}");
        }
        if (parameters.ViewportWidth is { } vw && parameters.ViewportHeight is { } vh) rendered = ViewportScaler.Fit(rendered, vw, vh);

        using var encoded = new MemoryStream();
        await RenderedFrameEncoder.EncodeAsync(rendered, encoded, format.Value, parameters.Quality, cancellationToken).ConfigureAwait(false);
        return TypedResults.Bytes(encoded.ToArray(), format == RenderedImageFormat.Png ? "image/png" : "image/jpeg");
    }

    /// <summary>The instance a series or study picture shows: the middle one of the (first) series.</summary>
    private static InstanceRecord Representative(IReadOnlyList<InstanceRecord> instances, bool study)
    {
        if (instances.Count == 1) return instances[0];
        var firstSeries = study ? instances.Where(i => i.SeriesInstanceUid == instances[0].SeriesInstanceUid).ToList() : [.. instances];
        return firstSeries[firstSeries.Count / 2];
    }

    private static RenderedImageFormat? Negotiate(IReadOnlyList<AcceptedMediaType>? accept)
    {
        if (accept is null || accept.Count == 0) return RenderedImageFormat.Jpeg;
        foreach (var range in accept)
        {
            switch (range.MediaType)
            {
                case "image/jpeg" or "image/*" or "*/*": return RenderedImageFormat.Jpeg;
                case "image/png": return RenderedImageFormat.Png;
            }
        }
        return null;
    }

    [LoggerMessage(EventId = 85, Level = LogLevel.Warning, Message = "WADO-RS: instance {SopInstanceUid} cannot be rendered")]
    private static partial void Unrenderable(ILogger logger, string sopInstanceUid, Exception exception);
}
