using Imaging.Dicom.Tests.IO;
using SharpFuzz;

namespace Imaging.Dicom.Fuzz;

/// <summary>Entry point for AFL++ (default), libFuzzer (<c>libfuzzer</c>) or a plain replay of files (<c>run</c>).</summary>
/// <remarks>The target is <see cref="FuzzTarget.Run"/>; it throws on anything the reader must never do (an exception
/// other than <c>DicomFormatException</c>, a broken invariant), which the fuzzer records as a crash.</remarks>
public static class Program
{
    public static int Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "afl";
        switch (mode)
        {
            case "afl":
                // A fresh child process per crash or hang: survives StackOverflow and timeouts.
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    FuzzTarget.Run(buffer.ToArray());
                });
                return 0;
            case "libfuzzer":
                Fuzzer.LibFuzzer.Run(span => FuzzTarget.Run(span));
                return 0;
            case "run":
                return Replay(args.Skip(1));
            default:
                Console.Error.WriteLine("usage: Imaging.Dicom.Fuzz [afl | libfuzzer | run <file or folder>...]");
                return 2;
        }
    }

    /// <summary>Runs the target over files (e.g. a crash AFL found, or a whole queue) and reports each outcome.</summary>
    private static int Replay(IEnumerable<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal).ToList();
        var total = new FuzzOutcome();
        var crashes = 0;
        foreach (var file in files)
        {
            try
            {
                total.Add(FuzzTarget.Run(File.ReadAllBytes(file)));
            }
            catch (Exception ex)
            {
                crashes++;
                Console.WriteLine($"CRASH {file}: {ex}");
            }
        }
        Console.WriteLine($"{files.Count} inputs, {crashes} crashes; {total}");
        return crashes == 0 ? 0 : 1;
    }
}
