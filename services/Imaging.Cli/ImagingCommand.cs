using System.CommandLine;
using System.CommandLine.Invocation;
using Imaging.Cli.Admin;
using Imaging.Cli.Dump;
using Imaging.Cli.Scu;
using Imaging.Cli.Serve;

namespace Imaging.Cli;

/// <summary>The root of the imaging command line: parses, dispatches, and turns every failure into one line.</summary>
internal static class ImagingCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Imaging pipeline: DICOM tools and the service.");
        root.Subcommands.Add(DumpCommand.Create());
        root.Subcommands.Add(Render.RenderCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(Demo.DemoCommand.Create());
        root.Subcommands.Add(EchoCommand.Create());
        root.Subcommands.Add(SendCommand.Create());
        root.Subcommands.Add(FindCommand.Create());
        root.Subcommands.Add(RetrieveCommands.CreateMove());
        root.Subcommands.Add(RetrieveCommands.CreateGet());
        root.Subcommands.Add(AdminCommand.Create());
        root.Subcommands.Add(Transcode.TranscodeCommand.Create());
        root.Subcommands.Add(Analyze.AnalyzeCommand.Create());
        root.Subcommands.Add(Export.ExportCommand.Create());
        foreach (var option in root.Options)
        {
            // The default version action reads the entry assembly, which is the test host when run in-process.
            if (option is VersionOption version) version.Action = new PrintVersionAction();
        }
        return root;
    }

    /// <summary>Runs the command line <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        CliCodecs.EnsureRegistered();
        var parseResult = Create().Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            // System.CommandLine would print every error and the full help and exit 1; a short line and exit 2 is
            // what scripts and people both expect from a usage error.
            var messages = string.Join("; ", parseResult.Errors.Select(e => e.Message.TrimEnd('.')));
            await error.WriteLineAsync($"imaging: {messages} (see 'imaging --help')");
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            // serve hands Ctrl+C and SIGTERM to the host, which stops gracefully; a second handler would race it.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            try
            {
                await output.FlushAsync(CancellationToken.None);
            }
            catch (IOException)
            {
                // Stdout is gone; the error line below still goes to stderr.
            }
            await error.WriteLineAsync($"imaging: unexpected error: {ex.GetType().Name}: {OneLine(ex.Message)}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Error text on a single line, however the exception worded it.</summary>
    public static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(CliVersion.Value);
            return ExitCodes.Success;
        }
    }
}
