using System.Text.Json;
using Imaging.Storage.DicomWeb;
using Microsoft.AspNetCore.Http;

namespace Imaging.Api.DicomWeb.Qido;

/// <summary>Writes a page of QIDO-RS results as a DICOM JSON array (PS3.18 F.2) straight to the response body, with the
/// PS3.18 8.3.4.4 warning when more results exist than were returned.</summary>
internal sealed class QidoJsonResult(IReadOnlyList<QidoRow> rows, IReadOnlyList<QidoReturnAttribute> attributes, string contentType,
    bool hasMore, string serviceUrl) : IResult
{
    /// <summary>Rows written between flushes: keeps the buffered body small for large pages.</summary>
    private const int RowsPerFlush = 64;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        if (hasMore) response.Headers.Append("Warning", $"299 {serviceUrl}: \"There are additional results that can be requested\"");
        var cancellationToken = httpContext.RequestAborted;
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartArray();
        for (var i = 0; i < rows.Count; i++)
        {
            writer.WriteStartObject();
            foreach (var attribute in attributes)
            {
                writer.WritePropertyName(attribute.EncodedTag);
                writer.WriteStartObject();
                attribute.Write(writer, rows[i]);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            if ((i + 1) % RowsPerFlush == 0)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
