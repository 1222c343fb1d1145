using System.CommandLine;
using Imaging.Dicom.Dump;
using Imaging.Dicom.IO;
using Imaging.Dicom.Json;
using Imaging.Dicom.Network;

namespace Imaging.Cli.Scu;

/// <summary>`imaging find [-P|-S] [-k KEY=VALUE ...] HOST PORT`: C-FIND, as DCMTK's findscu; prints each match and a count.</summary>
internal static class FindCommand
{
    public static Command Create()
    {
        var network = new ScuArguments();
        var query = new QueryArguments();
        var json = new Option<bool>("--json") { Description = "Print each match as one line of DICOM JSON (PS3.18 F.2); the count goes to stderr." };
        var command = new Command("find", "Query a peer (C-FIND). Prints each match and 'N matches'. Exit code 0: success; 1: rejected, aborted, " +
            "unreachable or a failure status; 2: bad arguments.");
        network.AddTo(command);
        query.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var (options, problem) = network.Read(parseResult);
            if (options is null) return await FailAsync(error, ExitCodes.BadInput, problem!);
            var (request, queryProblem) = query.Read(parseResult);
            if (request is null) return await FailAsync(error, ExitCodes.BadInput, queryProblem!);
            var asJson = parseResult.GetValue(json);
            var matches = 0;
            try
            {
                await foreach (var match in new DicomClient(options).FindAsync(request.Level, request.Model, request.Identifier, cancellationToken))
                {
                    matches++;
                    if (asJson)
                    {
                        await output.WriteLineAsync(DicomJsonWriter.Serialize(match).AsMemory(), cancellationToken);
                        continue;
                    }
                    await output.WriteLineAsync($"# Match {matches}".AsMemory(), cancellationToken);
                    foreach (var line in DicomDumpFormatter.FormatDataset(match, DicomTransferSyntax.ExplicitVRLittleEndian))
                        await output.WriteLineAsync(line.AsMemory(), cancellationToken);
                }
            }
            catch (DicomOperationFailedException failed)
            {
                return await FailAsync(error, ExitCodes.Failure, $"C-FIND failed after {matches} matches: status 0x{failed.Status:X4}{Comment(failed.ErrorComment)}");
            }
            catch (Exception ex) when (ScuArguments.DescribeNetworkFailure(ex) is { } message)
            {
                return await FailAsync(error, ExitCodes.Failure, message);
            }
            var summary = matches == 1 ? "1 match" : $"{matches} matches";
            await (asJson ? error : output).WriteLineAsync(summary);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static string Comment(string? errorComment) => string.IsNullOrWhiteSpace(errorComment) ? "" : $" ({errorComment.Trim()})";

    private static async Task<int> FailAsync(TextWriter error, int exitCode, string message)
    {
        await error.WriteLineAsync($"imaging: find: {ImagingCommand.OneLine(message)}");
        return exitCode;
    }
}
