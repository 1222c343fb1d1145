using Imaging.Dicom.Tests.Imaging;
using Imaging.Dicom.Tests.IO;
using SharpFuzz;

namespace Imaging.Dicom.Fuzz;

/// <summary>Entry point: <c>Imaging.Dicom.Fuzz [part10|rle|jpeg] [afl | libfuzzer | run &lt;file or folder&gt;... | seeds &lt;folder&gt;]</c>.
/// The target defaults to <c>part10</c> and the mode to <c>afl</c>, so the original command line still works.</summary>
/// <remarks>Targets throw on anything the library must never do (an exception other than the documented one, a broken
/// invariant), which the fuzzer records as a crash. <c>part10</c> is <see cref="FuzzTarget.Run"/> (the Part 10 reader
/// and writer); <c>rle</c> is <see cref="RleFuzzTarget.Run"/> (the RLE decoder, then an encode/decode round trip); <c>jpeg</c> is
/// <see cref="JpegDecoderFuzzTarget.Run"/> (the JPEG decoders, baseline to lossless).</remarks>
public static class Program
{
    private sealed record Target(string Name, Func<byte[], string> Run, Func<IEnumerable<(string Name, byte[] Input)>>? Seeds);

    private static readonly Target[] Targets =
    [
        new("part10", input => FuzzTarget.Run(input).ToString(), null),
        new("rle", input => RleFuzzTarget.Run(input).ToString(), RleFuzzTarget.Seeds),
        new("jpeg", input => JpegDecoderFuzzTarget.Run(input) ? "decoded" : "rejected", JpegDecoderFuzzTarget.Seeds),
    ];

    public static int Main(string[] args)
    {
        var target = Targets[0];
        if (args.Length > 0 && Targets.FirstOrDefault(t => t.Name == args[0]) is { } named)
        {
            target = named;
            args = args[1..];
        }
        var mode = args.Length > 0 ? args[0] : "afl";
        switch (mode)
        {
            case "afl":
                // A fresh child process per crash or hang: survives StackOverflow and timeouts.
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    target.Run(buffer.ToArray());
                });
                return 0;
            case "libfuzzer":
                Fuzzer.LibFuzzer.Run(span => target.Run(span.ToArray()));
                return 0;
            case "run":
                return Replay(target, args.Skip(1));
            case "seeds" when args.Length == 2 && target.Seeds is not null:
                Directory.CreateDirectory(args[1]);
                foreach (var (name, input) in target.Seeds()) File.WriteAllBytes(Path.Combine(args[1], name + ".bin"), input);
                return 0;
            default:
                Console.Error.WriteLine($"usage: Imaging.Dicom.Fuzz [{string.Join(" | ", Targets.Select(t => t.Name))}] [afl | libfuzzer | run <file or folder>... | seeds <folder>]");
                return 2;
        }
    }

    /// <summary>Runs the target over files (e.g. a crash AFL found, or a whole queue) and reports each outcome.</summary>
    private static int Replay(Target target, IEnumerable<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal).ToList();
        var part10 = new FuzzOutcome();
        var rle = new RleFuzzOutcome();
        var crashes = 0;
        foreach (var file in files)
        {
            try
            {
                var bytes = File.ReadAllBytes(file);
                if (target.Name == "rle") rle.Add(RleFuzzTarget.Run(bytes));
                else part10.Add(FuzzTarget.Run(bytes));
            }
            catch (Exception ex)
            {
                crashes++;
                Console.WriteLine($"CRASH {file}: {ex}");
            }
        }
        Console.WriteLine($"{files.Count} inputs, {crashes} crashes; {(target.Name == "rle" ? rle.ToString() : part10.ToString())}");
        return crashes == 0 ? 0 : 1;
    }
}
