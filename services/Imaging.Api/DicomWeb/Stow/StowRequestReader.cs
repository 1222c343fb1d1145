using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Imaging.Api.DicomWeb;

/// <summary>Reads a STOW-RS request body (multipart/related; type="application/dicom") part by part into temporary files,
/// enforcing the part size, part count and request size limits, before anything is ingested: a request cut short, with a
/// wrong boundary or an oversized part stores nothing.</summary>
internal static class StowRequestReader
{
    private const int MaxBoundaryLength = 70; // RFC 2046 section 5.1.1

    /// <summary>The parts, or the problem to answer; on a problem every temporary file is already deleted.</summary>
    public static async Task<(List<StowPart>? Parts, IResult? Problem)> ReadAsync(HttpRequest request, string incomingDirectory, StowOptions limits,
        CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/related", StringComparison.OrdinalIgnoreCase))
            return (null, DicomWebProblems.UnsupportedMediaType($"STOW-RS takes multipart/related; type=\"{InstanceRetrieve.DicomMediaType}\", not '{request.ContentType}'."));
        var type = Parameter(contentType, "type");
        if (type is not null && !type.Equals(InstanceRetrieve.DicomMediaType, StringComparison.OrdinalIgnoreCase))
            return (null, DicomWebProblems.UnsupportedMediaType($"Only type=\"{InstanceRetrieve.DicomMediaType}\" parts are accepted (metadata and bulk data uploads are not), not type=\"{type}\"."));
        var boundary = Parameter(contentType, "boundary");
        if (string.IsNullOrEmpty(boundary) || boundary.Length > MaxBoundaryLength)
            return (null, DicomWebProblems.BadRequest("Invalid multipart body", $"The Content-Type needs a boundary parameter of 1 to {MaxBoundaryLength} characters."));

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limits.MaxRequestBytes;

        var parts = new List<StowPart>();
        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024, BodyLengthLimit = null };
        long total = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (parts.Count >= limits.MaxParts)
                    return Fail(parts, DicomWebProblems.TooLarge($"The request has more than {limits.MaxParts} parts."));
                var path = Path.Combine(incomingDirectory, $"stow-{Guid.NewGuid():N}.part");
                parts.Add(new StowPart(path, section.ContentType, 0));
                var length = await SpoolAsync(section.Body, path, limits.MaxPartBytes, cancellationToken).ConfigureAwait(false);
                if (length < 0) return Fail(parts, DicomWebProblems.TooLarge($"Part {parts.Count} is larger than {limits.MaxPartBytes} bytes."));
                total += length;
                if (total > limits.MaxRequestBytes) return Fail(parts, DicomWebProblems.TooLarge($"The request is larger than {limits.MaxRequestBytes} bytes."));
                parts[^1] = parts[^1] with { Length = length };
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Fail(parts, DicomWebProblems.TooLarge($"The request is larger than {limits.MaxRequestBytes} bytes."));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return Fail(parts, DicomWebProblems.BadRequest("Invalid multipart body", $"The multipart/related body cannot be read: {ex.Message}"));
        }
        catch
        {
            DeleteAll(parts);
            throw;
        }
        if (parts.Count == 0)
            return (null, DicomWebProblems.BadRequest("Invalid multipart body", $"The body holds no part delimited by boundary '{boundary}'."));
        return (parts, null);
    }

    public static void DeleteAll(IEnumerable<StowPart> parts)
    {
        foreach (var part in parts)
        {
            try
            {
                File.Delete(part.TemporaryFilePath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A leftover in the incoming folder is cleaned with the others; the answer matters more.
            }
        }
    }

    private static (List<StowPart>?, IResult?) Fail(List<StowPart> parts, IResult problem)
    {
        DeleteAll(parts);
        return (null, problem);
    }

    /// <summary>Copies the part to <paramref name="path"/>; -1 as soon as it exceeds <paramref name="maxBytes"/>.</summary>
    private static async Task<long> SpoolAsync(Stream body, string path, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long length = 0;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length > maxBytes) return -1;
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        return length;
    }

    private static string? Parameter(MediaTypeHeaderValue contentType, string name)
    {
        var parameter = contentType.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return parameter is null ? null : HeaderUtilities.RemoveQuotes(parameter.Value).ToString();
    }
}
