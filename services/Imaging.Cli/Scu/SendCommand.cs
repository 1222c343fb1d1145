using System.CommandLine;
using Imaging.Dicom.Network;

namespace Imaging.Cli.Scu;

/// <summary>`imaging send HOST PORT FILES_OR_DIRS...`: C-STORE of files and folders (recursively), as DCMTK's storescu +sd -r.</summary>
internal static class SendCommand
{
    /// <summary>Files per association, below the 128 presentation contexts one association may carry even when every
    /// file needs two contexts of its own.</summary>
    private const int Batch = 60;

    /// <summary>A send is long enough for a progress bar from this many files, or from this many bytes.</summary>
    private const int ProgressFiles = 6;

    private const long ProgressBytes = 64L * 1024 * 1024;

    public static Command Create()
    {
        var arguments = new ScuArguments();
        var paths = new Argument<string[]>("FILES_OR_DIRS") { Description = "DICOM files, and folders to send recursively.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("send", "Send DICOM files to a peer (C-STORE). Exit code 0: all sent; 1: a rejection, abort or failure status; " +
            "2: bad arguments, a missing path or a file that is not DICOM (and nothing else failed).");
        arguments.AddTo(command);
        command.Arguments.Add(paths);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var (options, problem) = arguments.Read(parseResult);
            if (options is null) return await FailAsync(error, ExitCodes.BadInput, problem!);
            var files = new List<string>();
            foreach (var path in parseResult.GetValue(paths)!)
            {
                if (File.Exists(path)) files.Add(path);
                else if (Directory.Exists(path))
                    files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
                else return await FailAsync(error, ExitCodes.BadInput, $"{path}: no such file or folder");
            }
            if (files.Count == 0) return await FailAsync(error, ExitCodes.BadInput, "no files to send");
            return await SendAsync(new DicomClient(options), files, parseResult.InvocationConfiguration.Output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> SendAsync(DicomClient client, List<string> files, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var sizes = files.Select(SizeOf).ToList();
        var totalBytes = sizes.Sum();
        // A bar only where a person watches: redirected stderr (scripts, CI logs) gets the summary alone.
        var progress = (files.Count >= ProgressFiles || totalBytes >= ProgressBytes) && !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error)
            ? new SendProgressBar(error, files.Count, totalBytes) : null;
        int sent = 0, failed = 0, unreadable = 0;
        string? networkFailure = null;
        var done = 0;
        foreach (var batch in files.Chunk(Batch))
        {
            IReadOnlyList<CStoreResult> results;
            try
            {
                // The client reports after each file, so the bar moves file by file within an association.
                results = await client.StoreAsync(batch, progress, cancellationToken);
            }
            catch (Exception ex) when (ScuArguments.DescribeNetworkFailure(ex) is { } message)
            {
                // The peer refused or broke the association: the rest would fare no better.
                networkFailure = message;
                break;
            }
            foreach (var result in results)
            {
                if (result.Status is { } status && IsStored(status)) sent++;
                else
                {
                    if (result.Status is null && result.SopInstanceUid is null) unreadable++;
                    else failed++;
                    progress?.Clear();
                    await error.WriteLineAsync($"imaging: send: {result.FilePath}: {Describe(result)}");
                }
            }
            progress?.NextGroup(batch.Length, sizes.Skip(done).Take(batch.Length).Sum());
            done += batch.Length;
        }
        progress?.Clear();
        var notSent = files.Count - sent - failed - unreadable;
        if (networkFailure is not null) await error.WriteLineAsync($"imaging: send: {ImagingCommand.OneLine(networkFailure)}");
        await output.WriteLineAsync($"{sent} sent, {failed + unreadable + notSent} failed");
        if (networkFailure is not null || failed > 0) return ExitCodes.Failure;
        return unreadable > 0 ? ExitCodes.BadInput : ExitCodes.Success;
    }

    private static long SizeOf(string file)
    {
        try
        {
            return new FileInfo(file).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Counted as nothing; the client reports the file itself.
            return 0;
        }
    }

    // Warnings (0001, Bxxx) mean the instance was stored, perhaps coerced (PS3.4 Annex B.2.3).
    private static bool IsStored(ushort status) => status == DimseStatus.Success || status == 0x0001 || (status & 0xF000) == 0xB000;

    private static string Describe(CStoreResult result) =>
        result.Status is { } status ? $"C-STORE status 0x{status:X4}" : ImagingCommand.OneLine(result.Error ?? "not sent");

    private static async Task<int> FailAsync(TextWriter error, int exitCode, string message)
    {
        await error.WriteLineAsync($"imaging: send: {ImagingCommand.OneLine(message)}");
        return exitCode;
    }
}
