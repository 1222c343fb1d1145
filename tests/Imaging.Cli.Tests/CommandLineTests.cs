using Imaging.Cli.Tests.Infrastructure;

namespace Imaging.Cli.Tests;

/// <summary>Parsing, help, version and usage errors of the root command.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Version_prints_the_cli_version_and_exits_0()
    {
        var result = await CliRunner.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(CliVersion.Value, result.StandardOutput.Trim());
        Assert.StartsWith("0.1.0", CliVersion.Value);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_exits_0()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("dump", result.StandardOutput);
        Assert.Contains("serve", result.StandardOutput);
    }

    [Fact]
    public async Task Help_of_dump_works_without_its_required_file()
    {
        var result = await CliRunner.RunAsync("dump", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--no-deferred", result.StandardOutput);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("dump")]
    [InlineData("frobnicate")]
    [InlineData("serve", "--http-port", "eighty")]
    public async Task Bad_arguments_exit_2_with_one_short_line_and_no_help_text(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("imaging: ", line);
        Assert.EndsWith("(see 'imaging --help')", line);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task No_command_at_all_exits_2()
    {
        var result = await CliRunner.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }
}
