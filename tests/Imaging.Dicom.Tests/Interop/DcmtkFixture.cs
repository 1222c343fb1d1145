using System.Collections.Concurrent;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Interop;

/// <summary>The interop test classes share one fixture so that each DCMTK run (the slow part: a process start costs a
/// quarter of a second here) happens once however many tests look at its result.</summary>
[CollectionDefinition(Name)]
public sealed class DcmtkCollection : ICollectionFixture<DcmtkFixture>
{
    public const string Name = "DCMTK";
}

/// <summary>A temporary folder and a cache of generated files and tool outputs.</summary>
public sealed class DcmtkFixture : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _cache = new();
    private readonly TempFolder _folder = new();
    private int _files;

    public string File(string name) => _folder.File(name);

    /// <summary>A file name in the fixture's folder, unique to <paramref name="key"/>.</summary>
    public string FileFor(string key, string extension = ".dcm") =>
        File(string.Concat(key.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_')) + extension);

    /// <summary>Runs <paramref name="create"/> once per <paramref name="key"/>; later callers await the same task.</summary>
    public async Task<T> Once<T>(string key, Func<Task<T>> create) where T : notnull =>
        (T)await _cache.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await create())).Value;

    /// <summary>Our copy of a corpus file in <paramref name="syntaxName"/> ("same" keeps the file's own syntax).</summary>
    public Task<string> OurFile(string corpusFile, string syntaxName) => Once($"ours {corpusFile} {syntaxName}", () => Task.Run(() =>
    {
        var file = ReadWriteCorpus.Read(corpusFile);
        var path = FileFor($"ours {corpusFile} {syntaxName}");
        DicomFileWriter.Write(path, file, syntaxName == "same" ? null : ReadWriteCorpus.FromShortName(syntaxName));
        return path;
    }));

    /// <summary>DCMTK's conversion of <paramref name="path"/> with dcmconv <paramref name="flags"/> (no error or warning allowed).</summary>
    public Task<string> Dcmconv(string path, params string[] flags) => Once($"dcmconv {string.Join(' ', flags)} {path}", async () =>
    {
        var output = FileFor($"dcmconv {string.Join(' ', flags)} {Path.GetFileName(path)} {Interlocked.Increment(ref _files)}");
        await Dcmtk.ConvertAsync(path, output, flags);
        return output;
    });

    /// <summary>DCMTK's conversion of a corpus file.</summary>
    public Task<string> DcmconvCorpus(string corpusFile, params string[] flags) => Dcmconv(TestPaths.Corpus(corpusFile), flags);

    /// <summary>dcmdump of several files in one run, cached under <paramref name="key"/>.</summary>
    public Task<IReadOnlyList<DcmtkDump>> DumpMany(string key, IReadOnlyList<string> paths, params string[] options) =>
        Once($"dump {key}", () => Dcmtk.DumpManyAsync(paths, options));

    public void Dispose() => _folder.Dispose();
}
