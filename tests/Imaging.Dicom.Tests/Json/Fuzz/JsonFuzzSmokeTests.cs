using Imaging.Dicom.Tests.IO;
using Xunit.Abstractions;

namespace Imaging.Dicom.Tests.Json.Fuzz;

/// <summary>The deterministic mutation fuzzer over DICOM JSON seeds, calling the same <see cref="JsonFuzzTarget"/> as the
/// SharpFuzz harness (<c>dotnet run --project tests/fuzz/Imaging.Dicom.Fuzz -- json run &lt;file&gt;</c> replays a saved input).</summary>
public sealed class JsonFuzzSmokeTests(ITestOutputHelper output)
{
    private const int Iterations = 1500;

    public static TheoryData<string> SeedNames() => [.. JsonFuzzTarget.Seeds().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SeedNames))]
    public async Task Mutated_dicom_json_reads_and_round_trips_or_ends_in_a_DicomJsonException(string seed)
    {
        var bytes = JsonFuzzTarget.Seeds().Single(s => s.Name == seed).Input;
        var mutator = new JsonFuzzMutator(seed.Aggregate(17, (h, c) => unchecked(h * 31 + c)));
        var total = new JsonFuzzOutcome();
        for (var i = 0; i < Iterations; i++)
        {
            var input = mutator.Mutate(bytes);
            var result = await MalformedRead.RunAsync(() => JsonFuzzTarget.Run(input), $"{seed} iteration {i}", TimeSpan.FromSeconds(5));
            if (result.Error is not null)
            {
                var path = Path.Combine(Path.GetTempPath(), "imaging-fuzz-failures", $"json-{seed}-{i}.json");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, input);
                throw new Xunit.Sdk.XunitException($"{seed} iteration {i}: {result.Error.GetType().Name}: {result.Error.Message}\nsaved to {path}\n{result.Error}");
            }
            total.Add(result.Value!);
        }
        output.WriteLine($"{seed}: {Iterations} inputs; {total}");
        Assert.True(total.Read > 0 && total.Rejected > 0, $"mutations should both read and fail: {total}");
    }

    [Fact]
    public void Unmutated_seeds_read_and_round_trip()
    {
        foreach (var (name, input) in JsonFuzzTarget.Seeds())
            Assert.True(JsonFuzzTarget.Run(input).Read == 1, name);
    }

    // AFL++ campaign 2026-11-28 (json, 30 min): 16 inputs whose DS values came as JSON strings longer than DS allows
    // were kept verbatim, written back as numbers, and re-read normalised, so a second write differed.
    [Theory]
    [InlineData("""[{"00181050":{"vr":"DS","Value":[1.5,-0.25,"18446741073709551615",0]}}]""")]
    [InlineData("""[{"00181050":{"vr":"DS","Value":["0.22222222222222222222222222222222222222222222222222222222222222222222222222010"]}}]""")]
    [InlineData("""[{"90181050":{"vr":"DS","Value":[1.5993,"-9223372036854775808"]}}]""")]
    [InlineData("""[{"00181050":{"vr":"DS","Value":["1e999"]}}]""")]
    public void A_long_decimal_string_in_a_DS_value_survives_a_write_read_write_round_trip(string json) =>
        JsonFuzzTarget.Run(System.Text.Encoding.UTF8.GetBytes(json));
}
