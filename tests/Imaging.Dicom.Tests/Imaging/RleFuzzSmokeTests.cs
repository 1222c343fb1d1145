using Imaging.Dicom.Tests.IO;
using Xunit.Abstractions;

namespace Imaging.Dicom.Tests.Imaging;

/// <summary>The deterministic mutation fuzzer over RLE seeds, calling the same <see cref="RleFuzzTarget"/> as the SharpFuzz
/// harness (<c>dotnet run --project tests/fuzz/Imaging.Dicom.Fuzz -- rle run &lt;file&gt;</c> replays a saved input).</summary>
public sealed class RleFuzzSmokeTests(ITestOutputHelper output)
{
    private const int Iterations = 2000;

    public static TheoryData<string> SeedNames() => [.. RleFuzzTarget.Seeds().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SeedNames))]
    public async Task Mutated_rle_frames_decode_or_end_in_a_PixelDataException(string seed)
    {
        var bytes = RleFuzzTarget.Seeds().Single(s => s.Name == seed).Input;
        var mutator = new FuzzMutator(seed.Aggregate(17, (h, c) => unchecked(h * 31 + c)));
        var total = new RleFuzzOutcome();
        for (var i = 0; i < Iterations; i++)
        {
            var input = mutator.Mutate(bytes);
            var result = await MalformedRead.RunAsync(() => RleFuzzTarget.Run(input), $"{seed} iteration {i}", TimeSpan.FromSeconds(5));
            if (result.Error is not null)
            {
                var path = Path.Combine(Path.GetTempPath(), "imaging-fuzz-failures", $"{seed}-{i}.bin");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, input);
                throw new Xunit.Sdk.XunitException($"{seed} iteration {i}: {result.Error.GetType().Name}: {result.Error.Message}\nsaved to {path}\n{result.Error}");
            }
            total.Add(result.Value!);
        }
        output.WriteLine($"{seed}: {Iterations} inputs; {total}");
        Assert.True(total.Decoded > 0 && total.Rejected > 0, $"mutations should both decode and fail: {total}");
    }

    [Fact]
    public void Unmutated_seeds_decode()
    {
        foreach (var (name, input) in RleFuzzTarget.Seeds())
            Assert.True(RleFuzzTarget.Run(input).Decoded == 1, name);
    }
}
