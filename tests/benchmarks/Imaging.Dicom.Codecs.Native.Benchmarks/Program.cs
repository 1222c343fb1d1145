using System.Diagnostics;
using System.Globalization;
using Imaging.Dicom.Codecs.Native;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

// Decode speed of the native codecs on 512 x 512 16-bit CT frames, ours in process against the reference tools as whole
// processes (docs/benchmarks.md, "native pixel codecs"). Usage: [--data CORPUS] [--iterations N] [--processes K]
var corpus = Option("--data") ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../../shared/testdata"));
var iterations = int.Parse(Option("--iterations") ?? "200", CultureInfo.InvariantCulture);
var processes = int.Parse(Option("--processes") ?? "20", CultureInfo.InvariantCulture);
var work = Directory.CreateTempSubdirectory("imaging-native-bench").FullName;
Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {Load()}, {NativeCodecs.Availability}");
Console.WriteLine($"# corpus {corpus}, {iterations} in-process decodes, {processes} tool processes per row, work folder {work}");
Console.WriteLine();
Console.WriteLine("| Image | Codec | Encoded bytes | Ours: ms/frame wall (median) | Ours: MB/s wall | Ours: CPU ms/frame | Ours: MB/s CPU | Reference (whole process) | Ref: ms wall (median) | Ref: CPU ms |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---|---:|---:|");

try
{
    foreach (var name in new[] { "ct_mr/CT_WG04_CT1_ELE.dcm", "ct_mr/CT_LCTSC_chest_TCIA.dcm" })
    {
        var source = Path.Combine(corpus, name);
        var label = Path.GetFileNameWithoutExtension(name);
        var file = DicomFileReader.Read(source);
        var description = PixelDataDescription.FromDataset(file.Dataset);
        var native = DicomPixelData.Create(file.Dataset, file.TransferSyntax).GetFrameData(0).ToArray();

        // Baseline: the cost of a DCMTK process that reads and writes the same file without a codec.
        var copy = Path.Combine(work, $"{label}-copy.dcm");
        Row(label, "none (process + I/O baseline)", native.Length, null, description, "dcmconv IN OUT", () => Run("dcmconv", source, copy));

        var jls = Path.Combine(work, $"{label}-jls.dcm");
        Run("dcmcjpls", source, jls);
        var jlsFrame = EncodedFrame(jls);
        var jlsOut = Path.Combine(work, $"{label}-jls-dcmdjpls.dcm");
        Row(label, "JPEG-LS lossless (dcmcjpls)", jlsFrame.Length, () => (jlsFrame, new JpegLsDecoder()), description, "dcmdjpls IN OUT", () => Run("dcmdjpls", jls, jlsOut));

        foreach (var (codec, options) in new[] { ("JPEG 2000 lossless 5-3 (opj_compress)", ""), ("JPEG 2000 9-7, 10:1 (opj_compress -I -r 10)", "-I -r 10") })
        {
            var stem = label + (options.Length == 0 ? "-53" : "-97");
            var j2k = Compress(work, stem, native, description, options);
            var raw = Path.Combine(work, $"{stem}-opj.rawl");
            Row(label, codec, j2k.Length, () => (j2k, new Jpeg2000Decoder()), description, "opj_decompress -i IN.j2k -o OUT.rawl",
                () => Run("opj_decompress", "-i", Path.Combine(work, $"{stem}.j2k"), "-o", raw));
        }
    }

    var htj2k = Path.Combine(corpus, "interop/ts/HTJ2KLossless_08_RGB.dcm");
    var htFile = DicomFileReader.Read(htj2k);
    var htDescription = PixelDataDescription.FromDataset(htFile.Dataset);
    var htFrame = EncodedFrame(htj2k);
    var htPath = Path.Combine(work, "ht.j2c");
    File.WriteAllBytes(htPath, htFrame);
    Row("HTJ2KLossless_08_RGB (640×480 RGB, 8 bit)", "HTJ2K lossless (corpus)", htFrame.Length, () => (htFrame, new Jpeg2000Decoder()), htDescription,
        "opj_decompress -i IN.j2c -o OUT.rawl", () => Run("opj_decompress", "-i", htPath, "-o", Path.Combine(work, "ht.rawl")));
}
finally
{
    Directory.Delete(work, recursive: true);
}
Console.WriteLine();
Console.WriteLine($"# finished {DateTime.UtcNow:HH:mm} UTC, load {Load()}");
return 0;

void Row(string image, string codec, int encodedBytes, Func<(byte[] Frame, IPixelDecoder Decoder)>? ours, PixelDataDescription description, string tool, Action reference)
{
    string oursCells = "–", mbps = "–", cpu = "–", cpuMbps = "–";
    if (ours is not null)
    {
        var (frame, decoder) = ours();
        var destination = new byte[description.FrameLength];
        for (var i = 0; i < Math.Max(5, iterations / 20); i++) decoder.Decode(frame, description, destination);
        var times = new double[iterations];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            decoder.Decode(frame, description, destination);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
        var median = Median(times);
        oursCells = median.ToString("F2", CultureInfo.InvariantCulture);
        mbps = (description.FrameLength / 1e6 / (median / 1000)).ToString("F0", CultureInfo.InvariantCulture);
        cpu = cpuMs.ToString("F2", CultureInfo.InvariantCulture);
        cpuMbps = (description.FrameLength / 1e6 / (cpuMs / 1000)).ToString("F0", CultureInfo.InvariantCulture);
    }

    reference();
    var wall = new double[processes];
    var childrenBefore = ChildrenCpuMs();
    for (var i = 0; i < processes; i++)
    {
        var started = Stopwatch.GetTimestamp();
        reference();
        wall[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
    var refCpu = (ChildrenCpuMs() - childrenBefore) / processes;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {image} | {codec} | {encodedBytes} | {oursCells} | {mbps} | {cpu} | {cpuMbps} | `{tool}` | {Median(wall):F1} | {refCpu:F0} |"));
}

static byte[] EncodedFrame(string path)
{
    var file = DicomFileReader.Read(path);
    return DicomPixelData.Create(file.Dataset, file.TransferSyntax).GetFrameData(0).ToArray();
}

static byte[] Compress(string work, string label, byte[] native, PixelDataDescription description, string options)
{
    var raw = Path.Combine(work, $"{label}.rawl");
    File.WriteAllBytes(raw, native);
    var output = Path.Combine(work, $"{label}.j2k");
    var format = $"{description.Columns},{description.Rows},1,{description.BitsStored},{(description.IsSigned ? 's' : 'u')}";
    Run("opj_compress", ["-i", raw, "-o", output, "-F", format, .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
    return File.ReadAllBytes(output);
}

static void Run(string program, params string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in arguments) start.ArgumentList.Add(argument);
    using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: exit {process.ExitCode}: {stderr.Result}{stdout.Result}");
}

// cutime + cstime of /proc/self/stat: CPU of waited-for children, in clock ticks (USER_HZ = 100 on Linux).
static double ChildrenCpuMs()
{
    var stat = File.ReadAllText("/proc/self/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * 10.0;
}

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[..3].Aggregate((a, b) => $"{a} {b}");

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
