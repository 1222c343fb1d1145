using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Rendering.Tests.Support;

/// <summary>Renders a file with DCMTK's dcm2pnm into a raw PGM/PPM and reads it back: the reference for our output.</summary>
public static class Dcm2Pnm
{
    public static async Task<PnmImage> RenderAsync(string dicomPath, params string[] options)
    {
        using var folder = new TempFolder();
        var output = folder.File("out.pnm");
        // +op: 8-bit binary PGM/PPM; -O: no overlays (we do not burn overlays in).
        var arguments = new List<string> { "+op", "-O" };
        arguments.AddRange(options);
        arguments.Add(dicomPath);
        arguments.Add(output);
        (await ExternalTool.RunAsync("dcm2pnm", arguments)).EnsureSuccess("dcm2pnm " + string.Join(' ', arguments));
        return PnmImage.Parse(await File.ReadAllBytesAsync(output));
    }
}
