using System.Text;
using Microsoft.AspNetCore.Http;

namespace Imaging.Api.DicomWeb;

/// <summary>Writes a multipart/related body (RFC 2387, framing of RFC 2046 section 5.1.1) part by part onto a stream, so a
/// series goes out one instance at a time.</summary>
internal sealed class MultipartRelatedWriter(Stream output, string boundary)
{
    private bool _started;

    /// <summary>A boundary that cannot occur in DICOM data by chance: 32 random hex digits.</summary>
    public static string NewBoundary() => "dicomweb-" + Guid.NewGuid().ToString("N");

    /// <summary>The response's Content-Type: <c>multipart/related; type="…"; boundary=…</c>.</summary>
    public static string ContentType(string partType, string boundary) => $"multipart/related; type=\"{partType}\"; boundary={boundary}";

    public async Task WritePartAsync(string contentType, Func<Stream, CancellationToken, Task> body, CancellationToken cancellationToken,
        string? contentLocation = null)
    {
        await WritePartHeaderAsync(contentType, contentLocation, cancellationToken).ConfigureAwait(false);
        await body(output, cancellationToken).ConfigureAwait(false);
    }

    public async Task WritePartAsync(string contentType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken, string? contentLocation = null)
    {
        await WritePartHeaderAsync(contentType, contentLocation, cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The close delimiter; with no part written, an empty multipart body still needs one delimiter first.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var close = _started ? $"\r\n--{boundary}--\r\n" : $"--{boundary}--\r\n";
        await output.WriteAsync(Encoding.ASCII.GetBytes(close), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WritePartHeaderAsync(string contentType, string? contentLocation, CancellationToken cancellationToken)
    {
        // The CRLF before a delimiter belongs to the delimiter (RFC 2046), so the body bytes stay exactly the part's.
        var header = new StringBuilder(160);
        if (_started) header.Append("\r\n");
        header.Append("--").Append(boundary).Append("\r\n");
        header.Append(HeaderNames.ContentType).Append(": ").Append(contentType).Append("\r\n");
        if (contentLocation is not null) header.Append(HeaderNames.ContentLocation).Append(": ").Append(contentLocation).Append("\r\n");
        header.Append("\r\n");
        _started = true;
        await output.WriteAsync(Encoding.ASCII.GetBytes(header.ToString()), cancellationToken).ConfigureAwait(false);
    }

    private static class HeaderNames
    {
        public const string ContentType = "Content-Type";
        public const string ContentLocation = "Content-Location";
    }
}
