using System.CommandLine;
using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Rendering;

namespace Imaging.Cli.Render;

/// <summary>`imaging render FILE --frame N --out x.png`: one frame through the modality, VOI and presentation LUTs to PNG or JPEG.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The DICOM file to render." };
        var frame = new Option<int>("--frame") { Description = "The frame to render, 1-based as in DICOM.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "The image to write: .png, .jpg or .jpeg.", Required = true };
        var window = new Option<string?>("--window") { Description = "Window center and width in modality units, e.g. 40,400 (use --window=-600,1500 for a negative center)." };
        var voiIndex = new Option<int>("--voi-index") { Description = "Which of the file's windows to use, 1-based (default: the first).", DefaultValueFactory = _ => 1 };
        var quality = new Option<int>("--quality") { Description = "JPEG quality, 1-100.", DefaultValueFactory = _ => RenderedFrameEncoder.DefaultJpegQuality };
        var command = new Command("render", "Render one frame of a DICOM image to PNG or JPEG (grayscale through the modality/VOI/presentation LUTs, or colour).")
        {
            file, frame, output, window, voiIndex, quality,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new RenderRequest(
                parseResult.GetValue(file)!,
                parseResult.GetValue(frame),
                parseResult.GetValue(output)!,
                parseResult.GetValue(window),
                parseResult.GetValue(voiIndex),
                parseResult.GetValue(quality)),
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(RenderRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        if (RenderedFrameEncoder.FormatFromPath(request.OutputPath) is null)
            return await FailAsync(error, $"--out {request.OutputPath}: the name must end in .png, .jpg or .jpeg");
        if (request.Frame < 1) return await FailAsync(error, $"--frame {request.Frame}: frames are numbered from 1");
        if (request.VoiIndex < 1) return await FailAsync(error, $"--voi-index {request.VoiIndex}: windows are numbered from 1");
        if (request.Quality is < 1 or > 100) return await FailAsync(error, $"--quality {request.Quality}: must be 1 to 100");
        VoiWindow? window = null;
        if (request.Window is { } text)
        {
            if (!TryParseWindow(text, out var parsed)) return await FailAsync(error, $"--window {text}: expected CENTER,WIDTH, e.g. 40,400");
            window = parsed;
        }
        if (Directory.Exists(request.Path)) return await FailAsync(error, $"{request.Path}: Is a directory, not a file");

        RenderedFrame rendered;
        try
        {
            var file = DicomFileReader.Read(request.Path);
            var options = new RenderOptions { Window = window, WindowIndex = request.VoiIndex - 1 };
            rendered = FrameRenderer.Render(file, request.Frame - 1, options);
        }
        catch (Exception ex) when (DescribeInputError(ex) is { } problem)
        {
            return await FailAsync(error, $"{request.Path}: {problem}");
        }

        try
        {
            await RenderedFrameEncoder.SaveAsync(rendered, request.OutputPath, request.Quality, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"imaging: cannot write {request.OutputPath}: {ImagingCommand.OneLine(ex.Message)}");
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }

    /// <summary>"C,W" in invariant culture; a width below 1 is left for the renderer to reject with its reason.</summary>
    public static bool TryParseWindow(string text, out VoiWindow window)
    {
        window = default;
        var parts = text.Split(',');
        if (parts.Length != 2) return false;
        const NumberStyles style = NumberStyles.Float;
        if (!double.TryParse(parts[0].Trim(), style, CultureInfo.InvariantCulture, out var center)
            || !double.TryParse(parts[1].Trim(), style, CultureInfo.InvariantCulture, out var width)) return false;
        window = new VoiWindow(center, width);
        return true;
    }

    /// <summary>What to tell the user about an exception caused by the input, or null for one that is our bug.</summary>
    private static string? DescribeInputError(Exception ex) => ex switch
    {
        PixelDataException => ex.Message,
        DicomFormatException => ex.Message,
        DicomValueException => ex.Message,
        FileNotFoundException or DirectoryNotFoundException => "No such file",
        UnauthorizedAccessException => "Permission denied",
        InvalidDataException => $"Not a valid deflated dataset: {ex.Message}",
        EndOfStreamException => ex.Message,
        IOException => ex.Message,
        _ => null,
    };

    private static async Task<int> FailAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"imaging: {ImagingCommand.OneLine(problem)}");
        return ExitCodes.BadInput;
    }
}
