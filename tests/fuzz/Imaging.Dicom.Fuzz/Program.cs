using Imaging.Dicom.Codecs.Native;
using Imaging.Dicom.Codecs.Native.Tests.Fuzz;
using Imaging.Dicom.Tests.Imaging;
using Imaging.Dicom.Tests.IO;
using Imaging.Dicom.Tests.Json.Fuzz;
using Imaging.Dicom.Tests.Network.Fuzz;
using SharpFuzz;

namespace Imaging.Dicom.Fuzz;

/// <summary>Entry point: <c>Imaging.Dicom.Fuzz [part10|rle|jpeg|pdu|json|jpegls|j2k] [afl | libfuzzer | run &lt;file or folder&gt;... | seeds &lt;folder&gt;]</c>.
/// The target defaults to <c>part10</c> and the mode to <c>afl</c>, so the original command line still works.</summary>
/// <remarks>Targets throw on anything the library must never do (an exception other than the documented one, a broken
/// invariant), which the fuzzer records as a crash. <c>part10</c> is <see cref="FuzzTarget.Run"/> (the Part 10 reader
/// and writer); <c>rle</c> is <see cref="RleFuzzTarget.Run"/> (the RLE decoder, then an encode/decode round trip); <c>jpeg</c> is
/// <see cref="JpegDecoderFuzzTarget.Run"/> (the JPEG decoders, baseline to lossless); <c>pdu</c> is <see cref="PduFuzzTarget.Run"/>
/// (the PDU reader, the DIMSE assembler and command decoder); <c>json</c> is <see cref="JsonFuzzTarget.Run"/> (the DICOM JSON
/// reader, then a writer round trip); <c>jpegls</c> and <c>j2k</c> are <see cref="NativeCodecFuzzTarget"/> (CharLS and OpenJPEG
/// behind our wrappers; exit code 2 when the native library is missing).</remarks>
public static class Program
{
    private sealed record Target(string Name, Func<byte[], string> Run, Func<IEnumerable<(string Name, byte[] Input)>>? Seeds, Func<string?>? Missing = null);

    private static readonly Target[] Targets =
    [
        new("part10", input => FuzzTarget.Run(input).ToString(), null),
        new("rle", input => RleFuzzTarget.Run(input).ToString(), RleFuzzTarget.Seeds),
        new("jpeg", input => JpegDecoderFuzzTarget.Run(input) ? "decoded" : "rejected", JpegDecoderFuzzTarget.Seeds),
        new("pdu", input => Category(PduFuzzTarget.Run(input)), PduFuzzTarget.Seeds),
        new("json", input => JsonFuzzTarget.Run(input).Read > 0 ? "read" : "rejected", JsonFuzzTarget.Seeds),
        new("jpegls", input => NativeCodecFuzzTarget.RunJpegLs(input) ? "decoded" : "rejected", NativeCodecFuzzTarget.JpegLsSeeds,
            () => NativeCodecs.Availability.IsJpegLsAvailable ? null : NativeCodecs.Availability.CharLs.ToString()),
        new("j2k", input => NativeCodecFuzzTarget.RunJpeg2000(input) ? "decoded" : "rejected", () => NativeCodecFuzzTarget.Jpeg2000Seeds(Corpus()),
            () => NativeCodecs.Availability.IsJpeg2000Available ? null : NativeCodecs.Availability.OpenJpeg.ToString()),
    ];

    private static string Category(PduFuzzOutcome outcome) =>
        outcome.Rejected > 0 ? "rejected" : outcome.AssemblerRejected > 0 ? "assembler rejected" : outcome.Incomplete > 0 ? "incomplete" : "parsed";

    /// <summary>The shared corpus (for seeds that are corpus frames): IMAGING_TESTDATA, else shared/testdata beside an ancestor folder.</summary>
    private static string Corpus()
    {
        if (Environment.GetEnvironmentVariable("IMAGING_TESTDATA") is { Length: > 0 } fromEnvironment) return fromEnvironment;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "testdata");
            if (Directory.Exists(candidate)) return candidate;
        }
        return Path.Combine(Directory.GetCurrentDirectory(), "shared", "testdata");
    }

    public static int Main(string[] args)
    {
        // The environment picks the default target for runners that pass a single argument (libfuzzer-dotnet's --target_arg).
        var target = Targets.FirstOrDefault(t => t.Name == Environment.GetEnvironmentVariable("IMAGING_FUZZ_TARGET")) ?? Targets[0];
        if (args.Length > 0 && Targets.FirstOrDefault(t => t.Name == args[0]) is { } named)
        {
            target = named;
            args = args[1..];
        }
        var mode = args.Length > 0 ? args[0] : "afl";
        // Never under a fuzzer: the codec assembly is instrumented there and must not run before the fuzzer's loop
        // (run-afl.sh asks the plain build first).
        if (mode is not ("afl" or "libfuzzer") && target.Missing?.Invoke() is { } missing)
        {
            // Not a crash and not a pass: run-all.sh reports the target as skipped for want of the library.
            Console.Error.WriteLine($"{target.Name}: the native library is not available ({missing}); nothing to fuzz");
            return 2;
        }
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
        var categories = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var crashes = 0;
        foreach (var file in files)
        {
            try
            {
                var bytes = File.ReadAllBytes(file);
                if (target.Name == "rle") rle.Add(RleFuzzTarget.Run(bytes));
                else if (target.Name == "part10") part10.Add(FuzzTarget.Run(bytes));
                else
                {
                    var category = target.Run(bytes);
                    categories[category] = categories.GetValueOrDefault(category) + 1;
                }
            }
            catch (Exception ex)
            {
                crashes++;
                Console.WriteLine($"CRASH {file}: {ex}");
            }
        }
        var summary = target.Name switch
        {
            "rle" => rle.ToString(),
            "part10" => part10.ToString(),
            _ => string.Join(", ", categories.Select(c => $"{c.Key} {c.Value}")),
        };
        Console.WriteLine($"{files.Count} inputs, {crashes} crashes; {summary}");
        return crashes == 0 ? 0 : 1;
    }
}
