using Imaging.Dicom.Tests.IO;
using Imaging.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace Imaging.Dicom.Codecs.Native.Tests.Fuzz;

/// <summary>The deterministic mutation fuzzer over JPEG-LS and JPEG 2000 frames, calling the same
/// <see cref="NativeCodecFuzzTarget"/> as the SharpFuzz harness (<c>dotnet run --project tests/fuzz/Imaging.Dicom.Fuzz --
/// jpegls run &lt;file&gt;</c> replays a saved input). A native crash ends the test process: that is the finding.</summary>
public sealed class NativeCodecFuzzSmokeTests(ITestOutputHelper output)
{
    private const int Iterations = 600;

    public static TheoryData<string> SeedNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in NativeCodecFuzzTarget.JpegLsSeeds()) data.Add("jpegls:" + name);
        foreach (var (name, _) in NativeCodecFuzzTarget.Jpeg2000Seeds(TestPaths.TestData)) data.Add("j2k:" + name);
        return data;
    }

    private static (byte[] Input, Func<byte[], bool> Run) Seed(string seed)
    {
        var name = seed[(seed.IndexOf(':') + 1)..];
        return seed.StartsWith("jpegls:", StringComparison.Ordinal)
            ? (NativeCodecFuzzTarget.JpegLsSeeds().Single(s => s.Name == name).Input, input => NativeCodecFuzzTarget.RunJpegLs(input))
            : (NativeCodecFuzzTarget.Jpeg2000Seeds(TestPaths.TestData).Single(s => s.Name == name).Input, input => NativeCodecFuzzTarget.RunJpeg2000(input));
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public async Task Mutated_frames_decode_or_end_in_a_PixelDataException(string seed)
    {
        var (bytes, run) = Seed(seed);
        var mutator = new FuzzMutator(seed.Aggregate(17, (h, c) => unchecked(h * 31 + c)));
        int decoded = 0, rejected = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var input = mutator.Mutate(bytes);
            Exception? error = null;
            try
            {
                if (await Task.Run(() => run(input)).WaitAsync(TimeSpan.FromSeconds(10))) decoded++;
                else rejected++;
            }
            catch (Exception e)
            {
                error = e;
            }
            if (error is not null)
            {
                var path = Path.Combine(Path.GetTempPath(), "imaging-fuzz-failures", $"{seed.Replace(':', '-')}-{i}.bin");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, input);
                throw new Xunit.Sdk.XunitException($"{seed} iteration {i}: {error.GetType().Name}: {error.Message}\nsaved to {path}\n{error}");
            }
        }
        output.WriteLine($"{seed}: {Iterations} inputs; decoded {decoded}, rejected {rejected}");
        Assert.True(decoded > 0 && rejected > 0, $"mutations should both decode and fail: decoded {decoded}, rejected {rejected}");
    }

    [Fact]
    public void Unmutated_seeds_decode()
    {
        foreach (var (name, input) in NativeCodecFuzzTarget.JpegLsSeeds()) Assert.True(NativeCodecFuzzTarget.RunJpegLs(input), name);
        var jpeg2000 = NativeCodecFuzzTarget.Jpeg2000Seeds(TestPaths.TestData).ToList();
        Assert.NotEmpty(jpeg2000);
        foreach (var (name, input) in jpeg2000) Assert.True(NativeCodecFuzzTarget.RunJpeg2000(input), name);
    }
}
