using Imaging.Dicom.Tests.IO;
using Xunit.Abstractions;

namespace Imaging.Dicom.Tests.Network.Fuzz;

/// <summary>The deterministic mutation fuzzer over real PDUs and conversations, calling the same <see cref="PduFuzzTarget"/>
/// as the SharpFuzz harness (<c>dotnet run --project tests/fuzz/Imaging.Dicom.Fuzz -- pdu run &lt;file&gt;</c> replays a saved input).</summary>
public sealed class PduFuzzSmokeTests(ITestOutputHelper output)
{
    private const int Iterations = 1500;

    public static TheoryData<string> SeedNames() => [.. PduFuzzTarget.Seeds().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SeedNames))]
    public async Task Mutated_pdu_streams_parse_or_end_in_a_protocol_exception(string seed)
    {
        var bytes = PduFuzzTarget.Seeds().Single(s => s.Name == seed).Input;
        var mutator = new FuzzMutator(seed.Aggregate(17, (h, c) => unchecked(h * 31 + c)));
        var total = new PduFuzzOutcome();
        for (var i = 0; i < Iterations; i++)
        {
            var input = mutator.Mutate(bytes);
            var result = await MalformedRead.RunAsync(() => PduFuzzTarget.Run(input), $"{seed} iteration {i}", TimeSpan.FromSeconds(5));
            if (result.Error is not null)
            {
                var path = Path.Combine(Path.GetTempPath(), "imaging-fuzz-failures", $"pdu-{seed}-{i}.bin");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, input);
                throw new Xunit.Sdk.XunitException($"{seed} iteration {i}: {result.Error.GetType().Name}: {result.Error.Message}\nsaved to {path}\n{Convert.ToBase64String(input)}\n{result.Error}");
            }
            total.Add(result.Value!);
        }
        output.WriteLine($"{seed}: {Iterations} inputs; {total}");
        Assert.True(total.Pdus > 0 && total.Rejected > 0, $"mutations should both parse and fail: {total}");
    }

    [Fact]
    public void Unmutated_seeds_parse_without_rejection()
    {
        foreach (var (name, input) in PduFuzzTarget.Seeds())
        {
            var outcome = PduFuzzTarget.Run(input);
            Assert.True(outcome.Pdus > 0 && outcome.Rejected == 0 && outcome.AssemblerRejected == 0, $"{name}: {outcome}");
        }
    }

    [Fact]
    public void Command_and_data_fragments_assemble_into_a_message()
    {
        var outcome = PduFuzzTarget.Run(PduFuzzTarget.Seeds().Single(s => s.Name == "store-fragments").Input);
        Assert.Equal(1, outcome.Messages);
    }

    /// <summary>Found by this smoke fuzzer (associate-ac, iteration 664): an A-ASSOCIATE-AC whose called AE title holds a
    /// backslash and a 0x87 byte is read (the byte as '?') but <see cref="PduWriter"/> refuses to write it back. Pinned so
    /// that a stricter reader (or a lenient writer) shows up here; see docs/fuzzing.md.</summary>
    [Fact]
    public void Reader_passes_on_an_AE_title_the_writer_refuses()
    {
        var input = Convert.FromBase64String(
            "AAIAAAAA5AABAABPV09SXIc3fCAgICAgICAgRlVaWlNDVSAgICAgICAgIIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAAAFTEuMi44NDAuMTAwMDguMy4xLjEuMSEAABkBAAAAQAAAETEuMi44NDAuMTAwMDguMS4yIQAAGwMAAwBAAAATMS4yLjg0MC4xMDAwOC4xLjIuMVAAAEdRAAAEAABAAFIAACwyLjI1LjE5MzY2OTc4MDg4NjgzNTU1ODExOTg2NzE5NTg1NDYyMzA3MzQzMlUAAAtJTUFHSU5HXzFfMA==");
        var outcome = PduFuzzTarget.Run(input);
        Assert.Equal(1, outcome.Pdus);
        Assert.Equal(1, outcome.Unwritable);
    }
}
