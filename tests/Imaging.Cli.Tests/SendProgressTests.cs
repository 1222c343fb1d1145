using Imaging.Cli.Scu;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests;

/// <summary>`imaging send`'s progress bar: drawn from the client's per-file progress, only on a terminal.</summary>
public sealed class SendProgressTests
{
    private static readonly string[] Files =
    [
        .. new[]
        {
            "ct_mr/CT_WG04_CT1_ELE.dcm", "ct_mr/CT_WG04_CT1_ILE.dcm", "ct_mr/CT_WG04_CT1_EBE.dcm", "ct_mr/MR_brain_TS1_ELE.dcm",
            "ct_mr/MR_brain_TS2_ILE.dcm", "ct_mr/MR_brain_TS3_EBE.dcm", "nm/WG04_NM1_UNC.dcm", "nm/WG04_NM1_RLE.dcm",
        }.Select(TestPaths.Corpus),
    ];

    private static CStoreProgress Progress(int files, long bytes) => new(files, 2, bytes, 2 * 1024 * 1024, new CStoreResult("f.dcm", "1.2", DimseStatus.Success));

    [Fact]
    public void The_bar_counts_files_and_megabytes_across_associations_and_clears_its_line()
    {
        using var error = new StringWriter();
        var bar = new SendProgressBar(error, 4, 4 * 1024 * 1024);

        bar.Report(Progress(1, 1024 * 1024));
        bar.NextGroup(2, 2 * 1024 * 1024);
        bar.Report(Progress(2, 2 * 1024 * 1024));
        bar.Clear();

        var frames = error.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("[#######.......................] 1/4 files, 1.0/4.0 MB", frames[0]);
        Assert.Equal("[##############################] 4/4 files, 4.0/4.0 MB", frames[1]);
        Assert.Equal(frames[1].Length, frames[2].Length);
        Assert.True(string.IsNullOrWhiteSpace(frames[2]));
    }

    [Fact]
    public async Task Send_draws_the_bar_on_a_terminal_and_nothing_but_the_summary_when_stderr_is_redirected()
    {
        await using var storescp = await StorescpPeer.StartAsync();
        string[] send = ["send", "--aec", StorescpPeer.AETitle, "127.0.0.1", storescp.Port.ToString(), .. Files];

        var redirected = await CliProcess.RunAsync(send);
        // script(1) runs the command on a pseudo-terminal and relays what it shows.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : ExternalTool.Resolve("dotnet");
        var command = string.Join(' ', new[] { host, CliProcess.AssemblyPath }.Concat(send).Select(a => $"'{a}'"));
        var onTerminal = await ExternalTool.RunAsync("script", ["-q", "-e", "-c", command, "/dev/null"], TimeSpan.FromSeconds(60));

        Assert.Equal(0, redirected.ExitCode);
        Assert.Equal($"{Files.Length} sent, 0 failed", redirected.StandardOutput.Trim());
        Assert.Empty(redirected.StandardError);
        Assert.True(onTerminal.ExitCode == 0, onTerminal.StandardOutput + onTerminal.StandardError);
        Assert.Contains($"] 1/{Files.Length} files", onTerminal.StandardOutput);
        Assert.Contains($"] {Files.Length}/{Files.Length} files", onTerminal.StandardOutput);
        Assert.Contains($"{Files.Length} sent, 0 failed", onTerminal.StandardOutput);
    }
}
