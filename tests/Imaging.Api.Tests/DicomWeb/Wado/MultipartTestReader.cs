using System.Text;

namespace Imaging.Api.Tests.DicomWeb;

/// <summary>One body part of a multipart response: its headers (names lower-cased) and exact bytes.</summary>
public sealed record TestPart(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string ContentType => Headers.TryGetValue("content-type", out var value) ? value : "";
}

/// <summary>A deliberately independent multipart reader for the tests (RFC 2046 section 5.1.1): finds the delimiters
/// "CRLF--boundary" in the raw bytes, and fails on anything that is not framed exactly so.</summary>
public static class MultipartTestReader
{
    /// <summary>The boundary parameter of a multipart Content-Type (quoted or not).</summary>
    public static string Boundary(string contentType)
    {
        foreach (var piece in contentType.Split(';').Skip(1))
        {
            var kv = piece.Split('=', 2);
            if (kv.Length == 2 && kv[0].Trim().Equals("boundary", StringComparison.OrdinalIgnoreCase)) return kv[1].Trim().Trim('"');
        }
        throw new InvalidOperationException($"No boundary in '{contentType}'");
    }

    public static IReadOnlyList<TestPart> Read(byte[] body, string boundary)
    {
        Assert.InRange(boundary.Length, 1, 70);
        var dash = Encoding.ASCII.GetBytes("--" + boundary);
        var delimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        var parts = new List<TestPart>();
        // The body may start right with the first delimiter (no preamble) or with a preamble and CRLF before it.
        int position;
        if (body.AsSpan().StartsWith(dash)) position = dash.Length;
        else
        {
            var first = body.AsSpan().IndexOf(delimiter);
            Assert.True(first >= 0, "no opening delimiter");
            position = first + delimiter.Length;
        }
        while (true)
        {
            // After a delimiter: "--" closes, CRLF opens a part.
            if (body.AsSpan(position).StartsWith("--"u8)) return parts;
            Assert.True(body.AsSpan(position).StartsWith("\r\n"u8), $"delimiter at {position} is not followed by CRLF or --");
            position += 2;
            var headerEnd = body.AsSpan(position).IndexOf("\r\n\r\n"u8);
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            int bodyStart;
            if (body.AsSpan(position).StartsWith("\r\n"u8)) bodyStart = position + 2; // no headers
            else
            {
                Assert.True(headerEnd >= 0, "part headers do not end");
                foreach (var line in Encoding.ASCII.GetString(body, position, headerEnd).Split("\r\n"))
                {
                    var colon = line.IndexOf(':');
                    Assert.True(colon > 0, $"bad header line '{line}'");
                    headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
                }
                bodyStart = position + headerEnd + 4;
            }
            var next = body.AsSpan(bodyStart).IndexOf(delimiter);
            Assert.True(next >= 0, "part is not closed by a delimiter");
            parts.Add(new TestPart(headers, body.AsSpan(bodyStart, next).ToArray()));
            position = bodyStart + next + delimiter.Length;
        }
    }

    /// <summary>Reads the response as multipart, checking its Content-Type is multipart/related with the given type.</summary>
    public static async Task<IReadOnlyList<TestPart>> ReadAsync(HttpResponseMessage response, string expectedType)
    {
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
        Assert.StartsWith("multipart/related", contentType, StringComparison.Ordinal);
        Assert.Contains($"type=\"{expectedType}\"", contentType, StringComparison.Ordinal);
        return Read(await response.Content.ReadAsByteArrayAsync(), Boundary(contentType));
    }

    /// <summary>Builds a multipart/related body with the given parts, for STOW requests.</summary>
    public static byte[] Build(string boundary, IEnumerable<(string? ContentType, byte[] Body)> parts)
    {
        using var output = new MemoryStream();
        foreach (var (contentType, body) in parts)
        {
            output.Write(Encoding.ASCII.GetBytes($"--{boundary}\r\n"));
            if (contentType is not null) output.Write(Encoding.ASCII.GetBytes($"Content-Type: {contentType}\r\n"));
            output.Write("\r\n"u8);
            output.Write(body);
            output.Write("\r\n"u8);
        }
        output.Write(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"));
        return output.ToArray();
    }
}
