using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Text;

/// <summary>Runs the DCMTK tools the character set interop tests compare against (the test command installs dcmtk;
/// its absence is a failure, not a skip).</summary>
internal static class Dcmtk
{
    /// <summary>Runs <paramref name="tool"/> and returns its standard output; throws with its error output when it fails.</summary>
    public static async Task<string> RunAsync(string tool, params string[] arguments) =>
        (await ExternalTool.RunAsync(tool, arguments)).EnsureSuccess($"{tool} {string.Join(' ', arguments)}").StandardOutput;
}
