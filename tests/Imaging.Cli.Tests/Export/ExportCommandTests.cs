using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO.Compression;
using System.Text.Json;
using Imaging.Api.Tests.Export;
using Imaging.Cli.Export;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Tests.Support;
using Imaging.Export;
using Imaging.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Imaging.Cli.Tests.Export;

/// <summary>`imaging export`: arguments, the --all rule, progress and summary, JSON, and exit codes 0, 1, 2 and 130, over a
/// data folder with a migrated index and the <see cref="FakeExportRunner"/>.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeExportRunner _runner = new();

    public ExportCommandTests()
    {
        Data = _folder.File("data");
        Directory.CreateDirectory(Data);
        var store = new SqliteImagingStore(Path.Combine(Data, "index.db"));
        store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private string Data { get; }

    public void Dispose() => _folder.Dispose();

    private Task<CliResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Runs `imaging export ARGS --data DATA` the way ImagingCommand does, with the fake runner in the services.</summary>
    private async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { ExportCommand.Create(services => services.AddSingleton<IExportRunner>(_runner)) };
        var parse = root.Parse(args.Contains("--data") ? ["export", .. args] : ["export", "--data", Data, .. args]);
        if (parse.Action is ParseErrorAction)
            return new CliResult(ExitCodes.BadInput, "", string.Join("; ", parse.Errors.Select(e => e.Message)));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        }, timeout.Token);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Export_writes_the_zip_prints_one_summary_line_and_exits_0()
    {
        var zip = _folder.File("cohort.zip");

        var result = await RunAsync("--patient", "PAT-1", "--patient", "PAT-2", "--modality", "nm", "--from", "2024-01-01", "--to", "2024-12-31", "--out", zip);

        Assert.Equal(0, result.ExitCode);
        var summary = Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("exported 10 instances", summary, StringComparison.Ordinal);
        Assert.Contains(zip, summary, StringComparison.Ordinal);
        using (var archive = ZipFile.OpenRead(zip)) Assert.Contains(archive.Entries, e => e.FullName == "manifest.json");
        var request = Assert.Single(_runner.Requests);
        Assert.Equal(["PAT-1", "PAT-2"], request.Selection.PatientIds);
        Assert.Equal(["NM"], request.Selection.Modalities);
        Assert.Equal(new DateOnly(2024, 1, 1), request.Selection.StudyDateFrom);
        Assert.Equal(new DateOnly(2024, 12, 31), request.Selection.StudyDateTo);
        Assert.Equal(["basic", "retain-longitudinal-modified-dates"], request.Options.Names);
        Assert.StartsWith("cli:", request.RequestedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirected_progress_is_plain_lines_up_to_100_percent()
    {
        var result = await RunAsync("--modality", "NM", "--out", _folder.File("out"));

        Assert.Equal(0, result.ExitCode);
        var lines = result.ErrorLines;
        Assert.True(lines.Length >= 2, result.StandardError);
        Assert.All(lines, l => Assert.StartsWith("imaging: export: ", l, StringComparison.Ordinal));
        Assert.DoesNotContain('\r', result.StandardError);
        Assert.Contains(lines, l => l.Contains("100% 10/10 instances", StringComparison.Ordinal) && l.Contains("instances/s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ETA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Quiet_prints_no_progress()
    {
        var result = await RunAsync("--modality", "NM", "--quiet", "--out", _folder.File("out"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task Json_prints_the_export_result()
    {
        var result = await RunAsync("--any-flagged", "--min-lesions", "2", "--flagged-level", "t7", "--json", "--quiet", "--out", _folder.File("out"));

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(10, document.RootElement.GetProperty("exported").GetInt32());
        Assert.Equal("manifest.json", document.RootElement.GetProperty("manifestPath").GetString());
        var selection = Assert.Single(_runner.Requests).Selection;
        Assert.True(selection.AnyFlaggedLevel);
        Assert.Equal(2, selection.MinimumLesionCount);
        Assert.Equal("T7", selection.FlaggedLevel);
    }

    [Fact]
    public async Task No_criteria_without_all_is_refused_with_exit_2_and_all_exports_everything()
    {
        var refused = await RunAsync("--out", _folder.File("a"));
        var everything = await RunAsync("--all", "--quiet", "--out", _folder.File("b"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--all", Assert.Single(refused.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, everything.ExitCode);
        Assert.True(Assert.Single(_runner.Requests).Selection.IsEverything);
    }

    [Theory]
    [InlineData("--from", "2024-02-30", "--from")]
    [InlineData("--to", "yesterday", "--to")]
    [InlineData("--profile", "basic,retain-secrets", "Unknown de-identification option 'retain-secrets'")]
    [InlineData("--modality", "N/M", "--modality")]
    [InlineData("--flagged-level", "T7!", "--flagged-level")]
    public async Task Bad_values_exit_2_with_one_line(string option, string value, string expected)
    {
        var result = await RunAsync("--all", option, value, "--out", _folder.File("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(_runner.Requests);
    }

    [Fact]
    public async Task A_non_empty_output_folder_exits_2()
    {
        var output = _folder.File("busy");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "keep.txt"), "mine");

        var result = await RunAsync("--all", "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not empty", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "keep.txt")));
    }

    [Fact]
    public async Task An_export_exception_from_the_runner_exits_2_and_any_other_failure_1()
    {
        _runner.Failure = new ExportException("no study matches the selection");
        var refused = await RunAsync("--all", "--quiet", "--out", _folder.File("a.zip"));
        _runner.Failure = new IOException("disk full");
        var failed = await RunAsync("--all", "--quiet", "--out", _folder.File("b.zip"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("imaging: export: no study matches the selection", Assert.Single(refused.ErrorLines));
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("disk full", Assert.Single(failed.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("b.zip")));
    }

    [Fact]
    public async Task Cancelling_exits_130_and_leaves_no_partial_output()
    {
        _runner.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var zip = _folder.File("cancelled.zip");
        using var cancel = new CancellationTokenSource();

        var run = RunAsync(cancel.Token, "--all", "--quiet", "--out", zip);
        await _runner.AtGate.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        var result = await run;

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("cancelled", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path, "cancelled.zip*"));
    }

    [Fact]
    public async Task Patients_come_from_a_file_one_per_line()
    {
        var list = _folder.File("patients.txt");
        await File.WriteAllTextAsync(list, "# cohort A\nPAT-1\n\n  PAT-2  \nPAT-1\n");

        var result = await RunAsync("--patients-file", list, "--patient", "PAT-3", "--quiet", "--out", _folder.File("out"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["PAT-3", "PAT-1", "PAT-2"], Assert.Single(_runner.Requests).Selection.PatientIds);
    }

    [Fact]
    public async Task A_bad_patients_file_exits_2_naming_the_line()
    {
        var list = _folder.File("patients.txt");
        await File.WriteAllTextAsync(list, "PAT-1\nPAT\\2\n");

        var result = await RunAsync("--patients-file", list, "--out", _folder.File("out"));
        var missing = await RunAsync("--patients-file", _folder.File("nope.txt"), "--out", _folder.File("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
    }

    [Fact]
    public async Task A_data_folder_without_an_index_exits_2()
    {
        var empty = _folder.File("empty");
        Directory.CreateDirectory(empty);

        var result = await RunAsync("--all", "--data", empty, "--out", _folder.File("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no index", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_is_a_command_of_imaging_and_a_missing_out_is_a_usage_error()
    {
        var help = await CliRunner.RunAsync("export", "--help");
        var noOut = await CliRunner.RunAsync("export", "--all");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--min-lesions", help.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--patients-file", help.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, noOut.ExitCode);
        Assert.Contains("--out", noOut.StandardError, StringComparison.Ordinal);
    }
}
