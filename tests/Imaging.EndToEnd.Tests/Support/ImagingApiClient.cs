using System.Net;
using System.Text.Json;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>The REST API of a running deployment, read the way any HTTP client reads it (plain JSON, not the product's own
/// types), so a change of the wire format shows up here.</summary>
public sealed class ImagingApiClient(int httpPort) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The series' readiness and findings; null while the series is not indexed (404) or the API cannot answer
    /// (a 5xx while its database restarts): callers poll.</summary>
    public async Task<SeriesFindings?> GetSeriesFindingsAsync(string seriesInstanceUid)
    {
        var body = await GetAsync($"api/series/{seriesInstanceUid}/findings");
        if (body is null) return null;
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var findings = root.GetProperty("findings").EnumerateArray().Select(f =>
        {
            var payload = f.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            return new FindingsEntry(
                f.GetProperty("analyzer").GetString()!,
                f.GetProperty("analyzerVersion").GetString()!,
                f.GetProperty("readyVersion").GetInt32(),
                payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("instanceCount", out var count) ? count.GetInt32() : null,
                payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("modality", out var modality) ? modality.GetString() : null,
                payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("content", out var content) && content.TryGetProperty("kind", out var kind)
                    ? kind.GetString() : null);
        }).ToList();
        return new SeriesFindings(root.GetProperty("modality").GetString()!, root.GetProperty("state").GetString()!,
            root.GetProperty("readyVersion").GetInt32(), root.GetProperty("instanceCount").GetInt32(), findings, body);
    }

    /// <summary>The number of instances of one series GET /api/studies/{uid} lists; null while the study is not indexed or
    /// the API cannot answer.</summary>
    public async Task<int?> GetIndexedInstanceCountAsync(string studyInstanceUid, string seriesInstanceUid)
    {
        var body = await GetAsync($"api/studies/{studyInstanceUid}");
        if (body is null) return null;
        using var document = JsonDocument.Parse(body);
        foreach (var series in document.RootElement.GetProperty("series").EnumerateArray())
        {
            if (series.GetProperty("seriesInstanceUid").GetString() == seriesInstanceUid) return series.GetProperty("instanceCount").GetInt32();
        }
        return null;
    }

    /// <summary>Only the status code of GET /api/series/{uid}/findings, for what it says while a dependency is down.</summary>
    public async Task<HttpStatusCode> GetSeriesFindingsStatusAsync(string seriesInstanceUid)
    {
        using var response = await _http.GetAsync($"api/series/{seriesInstanceUid}/findings");
        return response.StatusCode;
    }

    private async Task<string?> GetAsync(string path)
    {
        try
        {
            using var response = await _http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.NotFound || (int)response.StatusCode >= 500) return null;
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // Not listening (restarting) or too slow this time: the caller polls again.
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
