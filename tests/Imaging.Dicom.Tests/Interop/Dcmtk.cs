using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Interop;

/// <summary>What dcmdump printed for one file and what it complained about (E:, W:, F: lines).</summary>
public sealed record DcmtkDump(string Listing, IReadOnlyList<string> Diagnostics);

/// <summary>Runs DCMTK command line tools, bounded in time and in how many run at once.</summary>
public static class Dcmtk
{
    /// <summary>Starting a DCMTK tool costs about a quarter of a second here, and starts do not overlap; more than two
    /// at once only adds contention.</summary>
    private static readonly SemaphoreSlim Slots = new(2);

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<ToolResult> RunAsync(string tool, params string[] arguments)
    {
        await Slots.WaitAsync();
        try
        {
            return await ExternalTool.RunAsync(tool, arguments, Timeout);
        }
        finally
        {
            Slots.Release();
        }
    }

    /// <summary>Runs a tool that must succeed with no error or warning.</summary>
    public static async Task<ToolResult> RunCleanAsync(string tool, params string[] arguments)
    {
        var result = await RunAsync(tool, arguments);
        var what = $"{tool} {string.Join(' ', arguments)}";
        result.EnsureSuccess(what);
        var diagnostics = Diagnostics(result);
        Assert.True(diagnostics.Count == 0, $"{what} reported:\n{string.Join('\n', diagnostics)}");
        return result;
    }

    /// <summary>The error, warning and fatal lines DCMTK logged ("E: ...", "W: ...", "F: ...").</summary>
    public static IReadOnlyList<string> Diagnostics(ToolResult result) =>
        (result.StandardError + "\n" + result.StandardOutput).Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.StartsWith("E: ", StringComparison.Ordinal) || l.StartsWith("W: ", StringComparison.Ordinal) || l.StartsWith("F: ", StringComparison.Ordinal))
            .ToList();

    /// <summary>dcmdump of a file: the listing and what DCMTK complained about.</summary>
    public static async Task<DcmtkDump> DumpAsync(string path, params string[] options)
    {
        var result = await RunAsync("dcmdump", [.. options, path]);
        result.EnsureSuccess($"dcmdump {path}");
        return new DcmtkDump(result.StandardOutput, Diagnostics(result));
    }

    /// <summary>dcmdump of several files in one run (starting a process is the slow part here). When DCMTK complains
    /// about anything, the files are dumped again one by one so that each complaint is pinned on its file.</summary>
    public static async Task<IReadOnlyList<DcmtkDump>> DumpManyAsync(IReadOnlyList<string> paths, params string[] options)
    {
        if (paths.Count == 1) return [await DumpAsync(paths[0], options)];
        var result = await RunAsync("dcmdump", [.. options, "+F", .. paths]);
        var listings = SplitListings(result.StandardOutput);
        if (result.ExitCode != 0 || Diagnostics(result).Count > 0 || listings.Count != paths.Count)
            return await Task.WhenAll(paths.Select(p => DumpAsync(p, options)));
        return listings.Select(l => new DcmtkDump(l, [])).ToList();
    }

    private static List<string> SplitListings(string output)
    {
        var listings = new List<string>();
        System.Text.StringBuilder? current = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("# dcmdump (", StringComparison.Ordinal))
            {
                if (current is not null) listings.Add(current.ToString());
                current = new System.Text.StringBuilder();
                continue;
            }
            current?.Append(line).Append('\n');
        }
        if (current is not null) listings.Add(current.ToString());
        return listings;
    }

    /// <summary>Converts with dcmconv (flags such as +ti, +te, +tb, +td); fails on any error or warning.</summary>
    public static Task ConvertAsync(string input, string output, params string[] options) =>
        RunCleanAsync("dcmconv", [.. options, input, output]);

    /// <summary>dcmconv flag that writes <paramref name="syntaxName"/> (see <see cref="IO.ReadWriteCorpus.ShortName"/>).</summary>
    public static string WriteFlag(string syntaxName) => syntaxName switch
    {
        "ImplicitLE" => "+ti",
        "ExplicitLE" => "+te",
        "ExplicitBE" => "+tb",
        "Deflated" => "+td",
        _ => throw new ArgumentOutOfRangeException(nameof(syntaxName), syntaxName, null),
    };
}
