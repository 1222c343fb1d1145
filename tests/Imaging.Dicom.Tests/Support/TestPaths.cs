namespace Imaging.Dicom.Tests.Support;

/// <summary>Locates the repository and the shared test corpus from wherever the tests run.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Imaging.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find Imaging.sln above " + AppContext.BaseDirectory);
    });

    /// <summary>The folder holding Imaging.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The shared corpus: IMAGING_TESTDATA if set, else ../shared/testdata beside the repository.</summary>
    public static string TestData
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("IMAGING_TESTDATA");
            if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
            var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "testdata"));
            if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"Test corpus not found at {path}; set IMAGING_TESTDATA.");
            return path;
        }
    }

    public static string Corpus(string relative) => Path.Combine(TestData, relative);

    /// <summary>Every DICOM file of the corpus (MANIFEST and README excluded), relative paths, sorted.</summary>
    public static IEnumerable<string> CorpusFiles() =>
        Directory.EnumerateFiles(TestData, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tsv", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(TestData, f))
            .Order(StringComparer.Ordinal);

    /// <summary>Corpus files that are not in interop/malformed.</summary>
    public static IEnumerable<string> WellFormedCorpusFiles() =>
        CorpusFiles().Where(f => !f.StartsWith("interop/malformed", StringComparison.Ordinal));
}
