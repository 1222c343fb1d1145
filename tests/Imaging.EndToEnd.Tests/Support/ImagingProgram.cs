using Imaging.Dicom.Tests.Support;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>Where the `imaging` program under test is: services/Imaging.Cli/bin/CONFIGURATION/net10.0/imaging.dll, built in
/// the same configuration as these tests (the project reference builds it first).</summary>
public static class ImagingProgram
{
    private static readonly Lazy<string> Path = new(Locate);

    public static string AssemblyPath => Path.Value;

    private static string Locate()
    {
        // This assembly sits in tests/Imaging.EndToEnd.Tests/bin/CONFIGURATION/TFM/.
        var tfmFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var configuration = tfmFolder.Parent?.Name ?? "Release";
        var path = System.IO.Path.Combine(TestPaths.RepositoryRoot, "services", "Imaging.Cli", "bin", configuration, tfmFolder.Name, "imaging.dll");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The imaging program is not built at {path}: run `dotnet build Imaging.sln -c {configuration}` (tests/run.sh does).");
        return path;
    }
}
