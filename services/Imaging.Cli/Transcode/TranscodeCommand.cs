using System.CommandLine;
using Imaging.Dicom.Data;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Cli.Transcode;

/// <summary>`imaging transcode IN OUT --transfer-syntax UID|name`: rewrites a file, or every file of a folder, in another transfer syntax.</summary>
internal static class TranscodeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "A DICOM file, or a folder of them (searched recursively)." };
        var output = new Argument<string>("OUT") { Description = "The file to write, or for a folder input the folder to write into (same relative paths)." };
        var syntax = new Option<string>("--transfer-syntax", "-t")
        {
            Description = $"The target transfer syntax: a UID, its name, or one of {TransferSyntaxNames.ShortNames}.",
            Required = true,
        };
        var command = new Command("transcode", "Convert DICOM files to another transfer syntax (exit 0 done, 1 a file could not be converted, 2 bad usage or unreadable input).")
        {
            input, output, syntax,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(input)!,
            parseResult.GetValue(output)!,
            parseResult.GetValue(syntax)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string input, string output, string syntaxText, TextWriter stdout, TextWriter error, CancellationToken cancellationToken, PixelCodecRegistry? codecs = null)
    {
        if (!TransferSyntaxNames.TryResolve(syntaxText, out var target))
            return await UsageAsync(error, $"unknown transfer syntax '{syntaxText}'");
        var transcoder = new DicomTranscoder(codecs);
        if (!transcoder.CanWrite(target))
            return await UsageAsync(error, $"cannot write {target.Name} ({target.Uid}): no encoder is registered for it");

        if (Directory.Exists(input))
        {
            if (File.Exists(output)) return await UsageAsync(error, $"{output}: is a file; a folder input needs a folder output");
            return await TranscodeFolderAsync(transcoder, input, output, target, stdout, error, cancellationToken);
        }
        if (!File.Exists(input)) return await FailAsync(error, input, "No such file", ExitCodes.BadInput);
        if (Directory.Exists(output)) output = Path.Combine(output, Path.GetFileName(input));
        var result = await TranscodeFileAsync(transcoder, input, output, target, cancellationToken);
        if (result.Problem is not null) return await FailAsync(error, input, result.Problem, result.ExitCode);
        await stdout.WriteLineAsync($"{input} -> {output} ({target.Name})");
        return ExitCodes.Success;
    }

    private static async Task<int> TranscodeFolderAsync(DicomTranscoder transcoder, string input, string output, DicomTransferSyntax target,
        TextWriter stdout, TextWriter error, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        int done = 0, failed = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destination = Path.Combine(output, Path.GetRelativePath(input, file));
            var result = await TranscodeFileAsync(transcoder, file, destination, target, cancellationToken);
            if (result.Problem is null)
            {
                done++;
                continue;
            }
            failed++;
            await error.WriteLineAsync($"imaging: {file}: {ImagingCommand.OneLine(result.Problem)}");
        }
        await stdout.WriteLineAsync($"{done} converted, {failed} failed ({target.Name})");
        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private readonly record struct FileResult(string? Problem, int ExitCode);

    private static async Task<FileResult> TranscodeFileAsync(DicomTranscoder transcoder, string input, string output, DicomTransferSyntax target, CancellationToken cancellationToken)
    {
        DicomFile file;
        try
        {
            // The reader and writer are synchronous; a folder of large files should not hold up the caller's thread.
            file = await Task.Run(() => DicomFileReader.Read(input), cancellationToken);
        }
        catch (Exception ex) when (ex is DicomFormatException or IOException or UnauthorizedAccessException or InvalidDataException or DicomValueException)
        {
            return new FileResult(ex is FileNotFoundException ? "No such file" : ex.Message, ExitCodes.BadInput);
        }

        try
        {
            await Task.Run(() =>
            {
                var converted = transcoder.Transcode(file, target, cancellationToken);
                var folder = Path.GetDirectoryName(Path.GetFullPath(output));
                if (folder is not null) Directory.CreateDirectory(folder);
                DicomFileWriter.Write(output, converted);
            }, cancellationToken);
            return new FileResult(null, ExitCodes.Success);
        }
        catch (Exception ex) when (ex is PixelDataException or DicomValueException or InvalidOperationException)
        {
            return new FileResult(ex.Message, ExitCodes.Failure);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FileResult($"cannot write {output}: {ex.Message}", ExitCodes.Failure);
        }
    }

    private static async Task<int> UsageAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"imaging: {message} (see 'imaging transcode --help')");
        return ExitCodes.BadInput;
    }

    private static async Task<int> FailAsync(TextWriter error, string path, string problem, int exitCode)
    {
        await error.WriteLineAsync($"imaging: {path}: {ImagingCommand.OneLine(problem)}");
        return exitCode;
    }
}
