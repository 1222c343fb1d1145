using System.CommandLine;
using Imaging.ServiceDefaults.Messaging;

namespace Imaging.Cli.Admin;

/// <summary>`imaging admin redrive --rabbitmq URI (--queue NAME_error | --all)`: moves failed messages back to the queues
/// they failed in, once whatever made them fail is fixed.</summary>
internal static class RedriveCommand
{
    public static Command Create()
    {
        var rabbitMq = new Option<string>("--rabbitmq")
        {
            Description = "The broker: amqp://user:password@host:port/vhost (amqps for TLS).", HelpName = "URI", Required = true,
        };
        var queue = new Option<string>("--queue") { Description = "One error queue to empty (its name ends in _error).", HelpName = "NAME_error" };
        var all = new Option<bool>("--all") { Description = "Every error queue of the virtual host (listed through the management API)." };
        var management = new Option<string>("--management")
        {
            Description = "Management API for --all (default http://HOST:15672/ with the URI's credentials).", HelpName = "URL",
        };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the broker (default 30).", HelpName = "SECONDS", DefaultValueFactory = _ => 30 };
        var command = new Command("redrive",
            "Move messages from _error queues back to their source queues (each published with confirms before it is " +
            "acknowledged, so nothing is lost if this stops midway). Exit code 0: done; 1: broker failure; 2: bad arguments.")
        {
            rabbitMq, queue, all, management, timeout,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var arguments = Read(parseResult.GetValue(rabbitMq)!, parseResult.GetValue(queue), parseResult.GetValue(all),
                parseResult.GetValue(management), parseResult.GetValue(timeout));
            if (arguments.Problem is { } problem) return await FailAsync(error, ExitCodes.BadInput, problem);
            try
            {
                return await RunAsync(arguments, output, cancellationToken);
            }
            catch (RedriveException ex)
            {
                return await FailAsync(error, ExitCodes.Failure, ex.Message);
            }
        });
        return command;
    }

    private sealed record Arguments(RabbitMqAddress Address, string? Queue, Uri? Management, TimeSpan Timeout, string? Problem = null);

    private static Arguments Read(string uriText, string? queue, bool all, string? managementText, int timeoutSeconds)
    {
        Arguments Bad(string problem) => new(null!, null, null, TimeSpan.Zero, problem);
        if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || uri.Host.Length == 0)
            return Bad($"--rabbitmq '{uriText}' is not an amqp:// or amqps:// URI");
        if ((queue is null) == !all) return Bad("give either --queue NAME_error or --all");
        if (queue is not null && ErrorQueueRedriver.SourceQueueOf(queue) is null) return Bad($"--queue '{queue}' is not an error queue (NAME_error)");
        if (timeoutSeconds < 1) return Bad($"--timeout {timeoutSeconds} must be at least 1 second");
        Uri? management = null;
        if (managementText is not null)
        {
            if (!all) return Bad("--management only goes with --all");
            if (!Uri.TryCreate(managementText, UriKind.Absolute, out management) || management.Scheme is not ("http" or "https"))
                return Bad($"--management '{managementText}' is not an http:// or https:// URL");
        }
        var address = RabbitMqAddress.Parse(uri);
        return new Arguments(address, queue, all ? management ?? ManagementApiQueues.DefaultFor(address) : null, TimeSpan.FromSeconds(timeoutSeconds));
    }

    private static async Task<int> RunAsync(Arguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> queues = arguments.Queue is { } single
            ? [single]
            : (await ManagementApiQueues.ListAsync(arguments.Management!, arguments.Address, arguments.Timeout, cancellationToken))
                .Where(name => ErrorQueueRedriver.SourceQueueOf(name) is not null).ToList();

        await using var redriver = await ErrorQueueRedriver.ConnectAsync(arguments.Address, arguments.Timeout, cancellationToken);
        var total = 0;
        var skipped = 0;
        foreach (var errorQueue in queues)
        {
            var source = ErrorQueueRedriver.SourceQueueOf(errorQueue);
            int moved;
            try
            {
                // A failure midway says in its message how many of this queue had moved; earlier queues are printed already.
                moved = await redriver.RedriveAsync(errorQueue, cancellationToken);
            }
            catch (MissingQueueException missing) when (arguments.Queue is null && missing.Queue == source)
            {
                // An error queue outliving its source (a renamed or removed consumer) is no reason to stop redriving the others.
                skipped++;
                await output.WriteLineAsync($"{errorQueue} -> {source}: skipped, {source} does not exist");
                continue;
            }
            total += moved;
            await output.WriteLineAsync($"{errorQueue} -> {source}: {moved} moved");
        }
        if (arguments.Queue is null)
            await output.WriteLineAsync($"{total} moved from {queues.Count - skipped} error queues" + (skipped > 0 ? $", {skipped} skipped" : ""));
        return ExitCodes.Success;
    }

    private static async Task<int> FailAsync(TextWriter error, int exitCode, string message)
    {
        await error.WriteLineAsync($"imaging: admin redrive: {ImagingCommand.OneLine(message)}");
        return exitCode;
    }
}
