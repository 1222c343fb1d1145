using System.CommandLine;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dump;
using Imaging.Dicom.IO;
using Imaging.Dicom.Json;

namespace Imaging.Cli.Dump;

/// <summary>`imaging dump FILE`: the file as text, laid out like DCMTK's dcmdump.</summary>
internal static class DumpCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The DICOM file to print." };
        var noDeferred = new Option<bool>("--no-deferred")
        {
            Description = "Read every value into memory while parsing. By default large values (pixel data) stay on disk and only the bytes shown are read.",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print the dataset as DICOM JSON (PS3.18 Annex F) instead; encapsulated pixel data is left out, as dcm2json does.",
        };
        var command = new Command("dump", "Print a DICOM file element by element, in the layout of DCMTK's dcmdump.") { file, noDeferred, json };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(file)!,
            parseResult.GetValue(noDeferred),
            parseResult.GetValue(json),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>Dumps <paramref name="path"/>. A file that is malformed part-way is dumped as far as it could be read,
    /// then its error is reported, so the user sees both where it broke and what came before.</summary>
    public static Task<int> RunAsync(string path, bool noDeferred, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(path, noDeferred, json: false, output, error, cancellationToken);

    public static async Task<int> RunAsync(string path, bool noDeferred, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = new DicomReaderOptions
        {
            KeepPartialOnError = true,
            LargeValueThreshold = noDeferred ? int.MaxValue : DicomReaderOptions.Default.LargeValueThreshold,
        };
        if (Directory.Exists(path)) return await FailAsync(error, path, "Is a directory, not a file");

        DicomFile file;
        try
        {
            file = DicomFileReader.Read(path, options);
        }
        catch (Exception ex) when (DescribeInputError(ex) is { } problem)
        {
            return await FailAsync(error, path, problem);
        }

        if (json) return await WriteJsonAsync(file, path, output, error, cancellationToken);

        // Lines are produced and written in separate steps: a failure to produce one is the input's fault (a
        // deferred value that can no longer be read), a failure to write one is the output's (a closed pipe).
        using var lines = DicomDumpFormatter.FormatLines(file, DicomDumpOptions.Default).GetEnumerator();
        while (true)
        {
            string line;
            try
            {
                if (!lines.MoveNext()) break;
                line = lines.Current;
            }
            catch (Exception ex) when (DescribeInputError(ex) is { } problem)
            {
                return await TryFlushAsync(output, error) ?? await FailAsync(error, path, problem);
            }
            try
            {
                await output.WriteLineAsync(line.AsMemory(), cancellationToken);
            }
            catch (IOException ex)
            {
                return await OutputFailedAsync(error, ex);
            }
        }
        if (await TryFlushAsync(output, error) is { } failed) return failed;

        return file.Error is { } partial ? await FailAsync(error, path, partial.Message) : ExitCodes.Success;
    }

    private static async Task<int> WriteJsonAsync(DicomFile file, string path, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = new DicomJsonWriter(new DicomJsonWriterOptions { Indented = true }).WriteToString(file.Dataset);
        }
        catch (Exception ex) when (DescribeInputError(ex) is { } problem)
        {
            return await FailAsync(error, path, problem);
        }
        try
        {
            await output.WriteLineAsync(text.AsMemory(), cancellationToken);
        }
        catch (IOException ex)
        {
            return await OutputFailedAsync(error, ex);
        }
        if (await TryFlushAsync(output, error) is { } failed) return failed;
        return file.Error is { } partial ? await FailAsync(error, path, partial.Message) : ExitCodes.Success;
    }

    /// <summary>Flushes stdout before anything goes to stderr, so a terminal shows the dump before the error;
    /// returns an exit code when stdout cannot be written.</summary>
    private static async Task<int?> TryFlushAsync(TextWriter output, TextWriter error)
    {
        try
        {
            await output.FlushAsync(CancellationToken.None);
            return null;
        }
        catch (IOException ex)
        {
            return await OutputFailedAsync(error, ex);
        }
    }

    private static async Task<int> OutputFailedAsync(TextWriter error, IOException ex)
    {
        await error.WriteLineAsync($"imaging: cannot write the dump: {ImagingCommand.OneLine(ex.Message)}");
        return ExitCodes.Failure;
    }

    /// <summary>What to tell the user about an exception caused by the input, or null for one that is our bug.</summary>
    private static string? DescribeInputError(Exception ex) => ex switch
    {
        DicomFormatException => ex.Message,
        FileNotFoundException or DirectoryNotFoundException => "No such file",
        UnauthorizedAccessException => "Permission denied",
        // Corrupt deflate streams and values cut short surface from the stream layer, not the parser.
        InvalidDataException => $"Not a valid deflated dataset: {ex.Message}",
        EndOfStreamException => ex.Message,
        DicomValueException => ex.Message,
        DicomJsonException => ex.Message,
        IOException => ex.Message,
        _ => null,
    };

    private static async Task<int> FailAsync(TextWriter error, string path, string problem)
    {
        await error.WriteLineAsync($"imaging: {path}: {ImagingCommand.OneLine(problem)}");
        return ExitCodes.BadInput;
    }
}
