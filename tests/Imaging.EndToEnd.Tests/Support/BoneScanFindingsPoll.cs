using System.Text.Json;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Truth;
using Imaging.Pipeline.Tests.Support;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>What the bone-scan end-to-end tests share: waiting for a series' stored bone-scan findings through the API,
/// the series of a written file, and the truth lesion a detection stands for.</summary>
internal static class BoneScanFindingsPoll
{
    /// <summary>Waits until the series has a bone-scan findings payload that <paramref name="accept"/> takes (any, when
    /// null); returns it. <paramref name="describe"/> adds the deployment's state to a timeout's message.</summary>
    public static async Task<JsonElement> WaitAsync(ImagingApiClient api, string seriesUid, TimeSpan timeout, Func<string> describe,
        Func<JsonElement, bool>? accept = null)
    {
        JsonElement? payload = null;
        string? last = null;
        await Eventually.UntilAsync(async () =>
        {
            var findings = await api.GetSeriesFindingsAsync(seriesUid);
            last = findings?.Json;
            if (findings is null) return false;
            using var document = JsonDocument.Parse(findings.Json);
            foreach (var entry in document.RootElement.GetProperty("findings").EnumerateArray())
            {
                if (entry.GetProperty("analyzer").GetString() != "bone-scan" || !entry.TryGetProperty("payload", out var p)
                    || p.ValueKind != JsonValueKind.Object || (accept is not null && !accept(p)))
                    continue;
                payload = p.Clone();
                return true;
            }
            return false;
        }, timeout, () => $"bone-scan findings of series {seriesUid}; last answer {last?[..Math.Min(last.Length, 2000)]}\n{describe()}");
        return payload!.Value;
    }

    /// <summary>True when the payload carries a comparison with a prior.</summary>
    public static bool HasComparison(JsonElement payload) =>
        payload.TryGetProperty("comparison", out var comparison) && comparison.ValueKind == JsonValueKind.Object;

    public static string SeriesOf(string path) =>
        DicomFileReader.Read(path).Dataset.GetSingleString(global::Imaging.Dicom.Dictionary.DicomTags.SeriesInstanceUID)!;

    /// <summary>The drawn lesion within 15 mm of a detected centre (as the analysis tests match them).</summary>
    public static LesionTruth? Nearest(BoneScanGroundTruth truth, int x, int y) =>
        truth.Lesions.Select(t => (t, d: Math.Sqrt((t.X - x) * (t.X - x) + (t.Y - y) * (t.Y - y)) * truth.PixelSpacingMm))
            .Where(p => p.d <= 15).OrderBy(p => p.d).Select(p => p.t).FirstOrDefault();
}
