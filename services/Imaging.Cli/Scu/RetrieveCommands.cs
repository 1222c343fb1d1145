using System.CommandLine;
using Imaging.Dicom.Network;

namespace Imaging.Cli.Scu;

/// <summary>`imaging move --dest AE ...` (C-MOVE, as DCMTK's movescu) and `imaging get --out DIR ...` (C-GET, as
/// getscu): both print the final status and the sub-operation counts, and the Failed SOP Instance UID List when the
/// final status is not Success.</summary>
internal static class RetrieveCommands
{
    /// <summary>The exit codes, as the help states them: anything short of Success is a failure for a script.</summary>
    private const string ExitCodeHelp = "Exit code 0: final status Success; 1: rejected, aborted, unreachable, or a final status other than Success " +
        "(a failure, a cancel, or failed or warning sub-operations; the Failed SOP Instance UID List is printed); 2: bad arguments.";

    public static Command CreateMove()
    {
        var network = new ScuArguments();
        var query = new QueryArguments();
        var destination = new Option<string>("--dest", "-aem") { Description = "AE title the peer sends the instances to (it must know it).", HelpName = "AET", Required = true };
        var command = new Command("move", "Ask a peer to send matching instances to an AE (C-MOVE). Prints the counts. " + ExitCodeHelp);
        network.AddTo(command);
        query.AddTo(command);
        command.Options.Add(destination);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var dest = parseResult.GetValue(destination)!;
            if (string.IsNullOrWhiteSpace(dest) || dest.Length > 16 || dest.Any(c => c is < ' ' or > '~' or '\\'))
                return await FailAsync("move", error, ExitCodes.BadInput, $"--dest '{dest}' is not an AE title (1-16 printable ASCII characters, no backslash)");
            return await RunAsync("move", network, query, parseResult, (client, request, ct) =>
                client.MoveAsync(dest, request.Level, request.Identifier, request.Model, ct), cancellationToken);
        });
        return command;
    }

    public static Command CreateGet()
    {
        var network = new ScuArguments();
        var query = new QueryArguments();
        var outDirectory = new Option<string>("--out", "-od") { Description = "Folder the instances are written to, as <SOP Instance UID>.dcm (created if missing).", HelpName = "DIR", Required = true };
        var syntaxes = new StorageSyntaxArguments();
        var command = new Command("get", "Retrieve matching instances on this association (C-GET). Instances arrive uncompressed unless options " +
            "below accept compressed syntaxes. Prints the counts. " + ExitCodeHelp);
        network.AddTo(command);
        query.AddTo(command);
        command.Options.Add(outDirectory);
        syntaxes.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var directory = parseResult.GetValue(outDirectory)!;
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return await FailAsync("get", error, ExitCodes.BadInput, $"--out '{directory}': {ex.Message}");
            }
            var accepted = syntaxes.Read(parseResult);
            return await RunAsync("get", network, query, parseResult, (client, request, ct) =>
                client.GetAsync(request.Level, request.Identifier, directory, request.Model, storageTransferSyntaxes: accepted, cancellationToken: ct),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string name, ScuArguments network, QueryArguments query, ParseResult parseResult,
        Func<DicomClient, DicomQuery, CancellationToken, Task<CRetrieveResult>> retrieve, CancellationToken cancellationToken)
    {
        var error = parseResult.InvocationConfiguration.Error;
        var (options, problem) = network.Read(parseResult);
        if (options is null) return await FailAsync(name, error, ExitCodes.BadInput, problem!);
        var (request, queryProblem) = query.Read(parseResult);
        if (request is null) return await FailAsync(name, error, ExitCodes.BadInput, queryProblem!);
        CRetrieveResult result;
        try
        {
            result = await retrieve(new DicomClient(options), request, cancellationToken);
        }
        catch (DicomOperationFailedException failed)
        {
            return await FailAsync(name, error, ExitCodes.Failure, $"status 0x{failed.Status:X4}{FindCommand.Comment(failed.ErrorComment)}");
        }
        catch (Exception ex) when (ScuArguments.DescribeNetworkFailure(ex) is { } message)
        {
            return await FailAsync(name, error, ExitCodes.Failure, message);
        }
        var output = parseResult.InvocationConfiguration.Output;
        await output.WriteLineAsync(
            $"C-{name.ToUpperInvariant()} status 0x{result.Status:X4}: {result.Completed} completed, {result.Failed} failed, {result.Warning} warning");
        if (result.Status == DimseStatus.Success) return ExitCodes.Success;
        if (result.FailedSopInstanceUids.Count > 0)
        {
            // One UID per line, so that a script can retry exactly these.
            await output.WriteLineAsync($"Failed SOP Instance UID List (0008,0058), {result.FailedSopInstanceUids.Count}:");
            foreach (var uid in result.FailedSopInstanceUids) await output.WriteLineAsync($"  {uid}");
        }
        return await FailAsync(name, error, ExitCodes.Failure, $"status 0x{result.Status:X4}{FindCommand.Comment(result.ErrorComment)}");
    }

    private static async Task<int> FailAsync(string name, TextWriter error, int exitCode, string message)
    {
        await error.WriteLineAsync($"imaging: {name}: {ImagingCommand.OneLine(message)}");
        return exitCode;
    }
}
