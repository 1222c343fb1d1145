using Imaging.Cli;
using Imaging.Pipeline.Tests.Support;

namespace Imaging.Pipeline.Tests;

/// <summary>`imaging admin redrive` usage errors (exit 2, one line) and an unreachable broker (exit 1), no broker needed.</summary>
public sealed class RedriveArgumentsTests
{
    private static async Task<CliResult> ImagingAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ImagingCommand.InvokeAsync(args, output, error, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("give either --queue NAME_error or --all", "--rabbitmq", "amqp://127.0.0.1/")]
    [InlineData("give either --queue NAME_error or --all", "--rabbitmq", "amqp://127.0.0.1/", "--queue", "a_error", "--all")]
    [InlineData("is not an error queue", "--rabbitmq", "amqp://127.0.0.1/", "--queue", "series-ready")]
    [InlineData("is not an error queue", "--rabbitmq", "amqp://127.0.0.1/", "--queue", "_error")]
    [InlineData("is not an amqp:// or amqps:// URI", "--rabbitmq", "http://127.0.0.1/", "--all")]
    [InlineData("--management only goes with --all", "--rabbitmq", "amqp://127.0.0.1/", "--queue", "a_error", "--management", "http://127.0.0.1:15672/")]
    [InlineData("--timeout 0 must be at least 1 second", "--rabbitmq", "amqp://127.0.0.1/", "--all", "--timeout", "0")]
    [InlineData("'--rabbitmq' is required", "--all")]
    public async Task Redrive_with_bad_arguments_exits_2_with_one_line(string expected, params string[] arguments)
    {
        var result = await ImagingAsync(["admin", "redrive", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines));
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task Redrive_against_a_broker_that_is_not_there_exits_1_with_one_line()
    {
        var port = FreePort.Next();

        var result = await ImagingAsync("admin", "redrive", "--rabbitmq", $"amqp://guest:guest@127.0.0.1:{port}/", "--queue", "a_error", "--timeout", "5");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"cannot connect to amqp://127.0.0.1:{port}/", Assert.Single(result.ErrorLines));
    }
}
