using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace Imaging.Dicom.Tests.IO;

/// <summary>A deterministic mutation fuzzer over small seeds, calling the same <see cref="FuzzTarget"/> as the SharpFuzz
/// harness in tests/fuzz. Bounded: a fixed number of mutations per seed (about 20-30 s for the whole class), and a
/// deadline on every input. A failure names the seed and iteration, and saves the input for replay with
/// <c>dotnet run --project tests/fuzz/Imaging.Dicom.Fuzz -- run &lt;file&gt;</c>.</summary>
public sealed class FuzzSmokeTests(ITestOutputHelper output)
{
    /// <summary>Mutations per seed (fewer for seeds over 4 KB, which cost more per input). Same seed, same inputs: raising
    /// it explores further, it never changes the earlier ones.</summary>
    private const int Iterations = 500;

    private const int IterationsForLargeSeeds = 150;

    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(5);

    /// <summary>Small corpus files (the same list as tests/fuzz/make-seeds.sh) and the synthetic samples.</summary>
    private static readonly string[] CorpusSeeds =
    [
        "interop/malformed/GH220.dcm",
        "interop/malformed/GH223_private_SQ_empty_item.dcm",
        "interop/malformed/GH487_last_private_SQ_empty_items.dcm",
        "interop/malformed/no_preamble_dicm_in_data",
        "interop/malformed/GH179B_partial.dcm",
        "interop/malformed/Tag-0040-A170-VR-CS.dcm",
        "interop/ts/Deflated_with_SQ_fo1097.dcm",
        "interop/ts/report_dfl_Deflated_SR.dcm",
        "interop/ts/JPEGLSNearLossless_16.dcm",
        "interop/charset/chrGB2312.dcm",
        "interop/charset/GH1301_GB18030_badCS.dcm",
        "nm/WG04_NM1_J2KI.dcm",
    ];

    public static TheoryData<string> Seeds()
    {
        var data = new TheoryData<string>();
        foreach (var name in MalformedSamples.Syntaxes.Keys) data.Add("sample:" + name);
        data.Add("dataset:ImplicitLE");
        data.Add("dataset:ExplicitBE");
        foreach (var f in CorpusSeeds) data.Add(f);
        return data;
    }

    private static byte[] SeedBytes(string seed) => seed switch
    {
        _ when seed.StartsWith("sample:", StringComparison.Ordinal) => MalformedSamples.File(MalformedSamples.Syntaxes[seed["sample:".Length..]]),
        _ when seed.StartsWith("dataset:", StringComparison.Ordinal) => MalformedSamples.DatasetBytes(MalformedSamples.Syntaxes[seed["dataset:".Length..]]),
        _ => File.ReadAllBytes(TestPaths.Corpus(seed)),
    };

    /// <summary>A seed for <see cref="Random"/> that does not change between runs (string.GetHashCode does).</summary>
    private static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked(hash * 31 + c);
        return hash;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Mutated_inputs_end_in_a_dataset_or_a_DicomFormatException(string seed)
    {
        var bytes = SeedBytes(seed);
        var iterations = bytes.Length > 4096 ? IterationsForLargeSeeds : Iterations;
        var mutator = new FuzzMutator(StableSeed(seed));
        var total = new FuzzOutcome();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < iterations; i++)
        {
            var input = mutator.Mutate(bytes);
            var result = await MalformedRead.RunAsync(() => new Box(FuzzTarget.Run(input)), $"{seed} iteration {i}", PerInput);
            if (result.Error is not null) Fail(seed, i, input, result.Error);
            total.Add(result.Value!.Outcome);
            if (result.Elapsed > slowest) slowest = result.Elapsed;
        }
        output.WriteLine($"{seed}: {iterations} inputs, slowest {slowest.TotalMilliseconds:F0} ms; {total}");
        if (total.FirstChange is not null) output.WriteLine($"first round-trip shape change: {total.FirstChange}");
        Assert.True(total.Accepted + total.Rejected >= iterations * 5, "every input is read as a file and as a bare dataset in four syntaxes");
    }

    /// <summary>The unmutated corpus: every file must pass the target, and a well-formed one must survive the round trip.</summary>
    [Fact]
    public async Task Every_corpus_file_passes_the_fuzz_target()
    {
        var total = new FuzzOutcome();
        foreach (var relative in TestPaths.CorpusFiles())
        {
            var bytes = File.ReadAllBytes(TestPaths.Corpus(relative));
            var result = await MalformedRead.RunAsync(() => new Box(FuzzTarget.Run(bytes)), relative, TimeSpan.FromSeconds(30));
            if (result.Error is not null) Fail(relative, -1, bytes, result.Error);
            var outcome = result.Value!.Outcome;
            total.Add(outcome);
            if (!relative.StartsWith("interop/malformed", StringComparison.Ordinal))
                Assert.True(outcome.RoundTripRejected == 0, $"{relative}: the writer produced something the reader rejects ({outcome})");
        }
        output.WriteLine(total.ToString());
    }

    private void Fail(string seed, int iteration, byte[] input, Exception error)
    {
        var folder = Path.Combine(Path.GetTempPath(), "imaging-fuzz-failures");
        Directory.CreateDirectory(folder);
        var name = $"{seed.Replace('/', '_').Replace(':', '_')}-{iteration}.bin";
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, input);
        var inline = input.Length <= 4096 ? $"\ninput (base64): {Convert.ToBase64String(input)}" : "";
        output.WriteLine($"saved {path}");
        throw new Xunit.Sdk.XunitException($"{seed} iteration {iteration}: {error.GetType().Name}: {error.Message}\nsaved to {path}{inline}\n{error}");
    }

    /// <summary><see cref="MalformedRead"/> returns reference types.</summary>
    private sealed record Box(FuzzOutcome Outcome);

    [Fact]
    public void The_mutator_is_deterministic()
    {
        var seed = MalformedSamples.File(DicomTransferSyntax.ExplicitVRLittleEndian);
        var a = new FuzzMutator(42);
        var b = new FuzzMutator(42);
        for (var i = 0; i < 50; i++) Assert.Equal(a.Mutate(seed), b.Mutate(seed));
        Assert.NotEqual(new FuzzMutator(1).Mutate(seed), new FuzzMutator(2).Mutate(seed));
    }
}
