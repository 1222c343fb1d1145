using System.CommandLine;
using Imaging.Dicom.Network;

namespace Imaging.Cli.Scu;

/// <summary>`imaging echo HOST PORT`: verifies a peer with C-ECHO, as DCMTK's echoscu.</summary>
internal static class EchoCommand
{
    public static Command Create()
    {
        var arguments = new ScuArguments();
        var command = new Command("echo", "Verify DICOM communication with a peer (C-ECHO). Exit code 0: success; 1: rejected, aborted, " +
            "unreachable or a failure status; 2: bad arguments.");
        arguments.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var (options, problem) = arguments.Read(parseResult);
            if (options is null) return await FailAsync(error, ExitCodes.BadInput, problem!);
            try
            {
                var status = await new DicomClient(options).EchoAsync(cancellationToken);
                if (status != DimseStatus.Success) return await FailAsync(error, ExitCodes.Failure, $"C-ECHO status 0x{status:X4}");
                await parseResult.InvocationConfiguration.Output.WriteLineAsync($"C-ECHO {options.CalledAETitle}@{options.Host}:{options.Port}: success");
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ScuArguments.DescribeNetworkFailure(ex) is { } message)
            {
                return await FailAsync(error, ExitCodes.Failure, message);
            }
        });
        return command;
    }

    private static async Task<int> FailAsync(TextWriter error, int exitCode, string message)
    {
        await error.WriteLineAsync($"imaging: echo: {ImagingCommand.OneLine(message)}");
        return exitCode;
    }
}
