namespace Imaging.Api.Tests.Security;

/// <summary>A private temporary folder for the key files of one test, deleted afterwards.</summary>
public sealed class KeyFolder : IDisposable
{
    public KeyFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"imaging-security-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the folder is under the temp folder and harmless.
        }
    }
}
