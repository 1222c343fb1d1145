using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests;

/// <summary>`imaging dump`: output, exit codes and the one-line error contract, in-process and as a process.</summary>
public sealed class DumpCommandTests
{
    private const string Malformed = "interop/malformed/GH179B_partial.dcm";

    [Fact]
    public async Task Dump_of_a_well_formed_file_exits_0_and_writes_nothing_to_stderr()
    {
        var result = await CliRunner.RunAsync("dump", TestPaths.Corpus("nm/WG04_NM1_UNC.dcm"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
        Assert.Contains("(0008,0060) CS [NM]", result.StandardOutput);
        Assert.Contains("(7fe0,0010) OW 0000\\0000", result.StandardOutput);
    }

    [Fact]
    public async Task Dump_with_no_deferred_prints_the_same_as_the_default()
    {
        var path = TestPaths.Corpus("ct_mr/CT_LCTSC_chest_TCIA.dcm");

        var deferred = await CliRunner.RunAsync("dump", path);
        var loaded = await CliRunner.RunAsync("dump", path, "--no-deferred");

        Assert.Equal(0, loaded.ExitCode);
        Assert.Equal(deferred.StandardOutput, loaded.StandardOutput);
    }

    [Fact]
    public async Task Dump_of_a_malformed_file_prints_what_it_could_read_then_one_error_line_with_the_offset_and_exits_2()
    {
        var path = TestPaths.Corpus(Malformed);

        var result = await CliRunner.RunAsync("dump", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("(0002,0010) UI [1.2.840.10008.1.2.1]", result.StandardOutput);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"imaging: {path}: ", line);
        Assert.Matches(@"\(at byte offset \d+\)$", line);
    }

    [Fact]
    public async Task Dump_json_prints_the_dataset_as_dicom_json_with_the_same_keys_as_dcm2json()
    {
        var path = TestPaths.Corpus("ct_mr/CT_LCTSC_chest_TCIA.dcm");

        var result = await CliRunner.RunAsync("dump", path, "--json");
        var dcmtk = await ExternalTool.RunAsync("dcm2json", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
        using var ours = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        using var theirs = System.Text.Json.JsonDocument.Parse(dcmtk.EnsureSuccess("dcm2json").StandardOutput);
        var ourKeys = ours.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        var theirKeys = theirs.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(theirKeys, ourKeys);
        Assert.Equal("CT", ours.RootElement.GetProperty("00080060").GetProperty("Value")[0].GetString());
        static string Name(System.Text.Json.JsonDocument d) =>
            d.RootElement.GetProperty("00100010").GetProperty("Value")[0].GetProperty("Alphabetic").GetString()!;
        Assert.Equal(Name(theirs), Name(ours));
    }

    [Fact]
    public async Task Dump_json_of_a_malformed_file_prints_what_it_could_read_and_exits_2()
    {
        var result = await CliRunner.RunAsync("dump", TestPaths.Corpus(Malformed), "--json");

        Assert.Equal(2, result.ExitCode);
        using var ours = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        Assert.True(ours.RootElement.TryGetProperty("00080060", out _));
        Assert.Matches(@"\(at byte offset \d+\)$", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Dump_of_a_missing_file_exits_2_with_one_line()
    {
        using var temp = new TempFolder();
        var path = temp.File("nothing-here.dcm");

        var result = await CliRunner.RunAsync("dump", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"imaging: {path}: No such file", Assert.Single(result.ErrorLines));
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Dump_of_an_empty_file_exits_2_with_one_line()
    {
        using var temp = new TempFolder();
        var path = temp.File("empty.dcm");
        await File.WriteAllBytesAsync(path, []);

        var result = await CliRunner.RunAsync("dump", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"^imaging: .*empty\.dcm: .*\(at byte offset 0\)$", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Dump_of_random_bytes_exits_2_with_one_line_naming_the_offset()
    {
        using var temp = new TempFolder();
        var path = temp.File("random.bin");
        var bytes = new byte[64 * 1024];
        new Random(20261127).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);

        var result = await CliRunner.RunAsync("dump", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"^imaging: .*random\.bin: .*\(at byte offset \d+\)$", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Dump_of_a_folder_exits_2_with_one_line()
    {
        using var temp = new TempFolder();

        var result = await CliRunner.RunAsync("dump", temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public async Task Dump_as_a_process_reports_a_malformed_file_on_one_stderr_line_without_a_stack_trace()
    {
        var path = TestPaths.Corpus(Malformed);

        var result = await CliProcess.RunAsync(["dump", path]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("# Dicom-Data-Set", result.StandardOutput);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"imaging: {path}: ", line);
        Assert.DoesNotContain(" at ", line.Replace("at byte offset", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dump_as_a_process_reports_a_missing_file_on_one_stderr_line_with_exit_code_2()
    {
        var result = await CliProcess.RunAsync(["dump", "/nonexistent/imaging-test.dcm"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("imaging: /nonexistent/imaging-test.dcm: No such file", Assert.Single(result.ErrorLines));
    }
}
