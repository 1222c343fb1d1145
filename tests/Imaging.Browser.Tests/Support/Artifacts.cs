namespace Imaging.Browser.Tests.Support;

/// <summary>Where the browser tests leave their screenshots: TestResults/browser/ under the test output folder
/// (IMAGING_BROWSER_ARTIFACTS overrides), kept after the run for a person to look at.</summary>
public static class Artifacts
{
    public static string Folder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("IMAGING_BROWSER_ARTIFACTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static string File(string name) => Path.Combine(Folder, name);
}
