using System.Globalization;
using Imaging.Dicom.Tests.Support;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>DCMTK's storescu as the modality: one association, every file, without stopping at a failed one (-nh), so each
/// file's outcome is known from its verbose output.</summary>
public static class Storescu
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<StoreOutcome> SendAsync(int port, IReadOnlyCollection<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var result = await ExternalTool.RunAsync("storescu",
            ["-v", "-nh", "-aet", "MODALITY", "-aec", ServeSpec.AeTitle, "-to", "30", "-ta", "30", "-td", "60",
             "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), .. files],
            Timeout,
            // Without it each instance waits ~40 ms for the delayed ACK (PEERS.md).
            new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        var output = result.StandardOutput + result.StandardError;
        // One "Received Store Response (...)" per file that got an answer, e.g. "(Success)" or "(Refused: OutOfResources)".
        var responses = output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("I: Received Store Response (", StringComparison.Ordinal))
            .Select(l => l["I: Received Store Response (".Length..].TrimEnd(')'))
            .ToList();
        return new StoreOutcome(files.Count, result.ExitCode, responses.Count(r => r == "Success"), [.. responses.Where(r => r != "Success")], output);
    }
}
