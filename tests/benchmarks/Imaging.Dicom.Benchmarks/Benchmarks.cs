using BenchmarkDotNet.Attributes;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Benchmarks;

/// <summary>Marks benchmarks whose one "operation" is one of the 400 CT files, so the Files/s and MB/s columns apply.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PerCtFileAttribute : Attribute;

/// <summary>Parsing the 400 CT files from disk (warm page cache). One operation = one file.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[PerCtFile]
public class CtParseBenchmarks
{
    private static readonly DicomReaderOptions FullOptions = new() { LargeValueThreshold = int.MaxValue };
    private static readonly DicomReaderOptions StopBeforePixelsOptions = new() { StopBeforeTag = DicomTag.PixelData };

    private string[] _files = [];

    [GlobalSetup]
    public void Setup() => _files = BenchData.EnsureCt();

    /// <summary>Default options: Pixel Data (512 KiB, over the 64 KiB threshold) stays on disk as a FileRangeBuffer.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BenchData.CtFileCount, Description = "Header-only (default: pixel data deferred)")]
    public int HeaderOnly()
    {
        var n = 0;
        foreach (var f in _files) n += DicomFileReader.Read(f).Dataset.Count;
        return n;
    }

    /// <summary>StopBeforeTag = Pixel Data: what a stream-based header read would use.</summary>
    [Benchmark(OperationsPerInvoke = BenchData.CtFileCount, Description = "Header-only (StopBeforeTag = PixelData)")]
    public int StopBeforePixels()
    {
        var n = 0;
        foreach (var f in _files) n += DicomFileReader.Read(f, StopBeforePixelsOptions).Dataset.Count;
        return n;
    }

    /// <summary>LargeValueThreshold = int.MaxValue: every value, Pixel Data included, is loaded into memory.</summary>
    [Benchmark(OperationsPerInvoke = BenchData.CtFileCount, Description = "Full parse (pixel data loaded)")]
    public int Full()
    {
        var n = 0;
        foreach (var f in _files) n += DicomFileReader.Read(f, FullOptions).Dataset.Count;
        return n;
    }
}

/// <summary>Writing the 400 CT datasets into memory. One operation = one file.</summary>
/// <remarks>The datasets are read once in setup (from the Explicit VR Little Endian files). The output stream is one
/// pre-sized MemoryStream reused for every write, so its growth is not counted against the writer.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[PerCtFile]
public class CtWriteBenchmarks
{
    private DicomFile[] _loaded = [];
    private DicomFile[] _deferred = [];
    private byte[][] _eleBytes = [];
    private readonly MemoryStream _output = new(2 * 1024 * 1024);

    [GlobalSetup]
    public void Setup()
    {
        var files = BenchData.EnsureCt();
        var full = new DicomReaderOptions { LargeValueThreshold = int.MaxValue };
        _loaded = files.Select(f => DicomFileReader.Read(f, full)).ToArray();
        _deferred = files.Select(f => DicomFileReader.Read(f)).ToArray();
        _eleBytes = files.Select(File.ReadAllBytes).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // ~600 MB of datasets and bytes: release them before the next benchmark when run with --inProcess.
        _loaded = [];
        _deferred = [];
        _eleBytes = [];
    }

    private long WriteAll(DicomFile[] files, DicomTransferSyntax syntax)
    {
        long total = 0;
        foreach (var file in files)
        {
            _output.Position = 0;
            _output.SetLength(0);
            DicomFileWriter.Write(_output, file, syntax);
            total += _output.Length;
        }
        return total;
    }

    private long TranscodeAll(DicomFile[] files)
    {
        long total = 0;
        foreach (var file in files)
        {
            _output.Position = 0;
            _output.SetLength(0);
            DicomFileWriter.Write(_output, file, DicomTransferSyntax.ImplicitVRLittleEndian);
            total += _output.Length;
            _output.Position = 0;
            _output.SetLength(0);
            DicomFileWriter.Write(_output, file, DicomTransferSyntax.ExplicitVRBigEndian);
            total += _output.Length;
        }
        return total;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchData.CtFileCount, Description = "Write ELE (same syntax)")]
    public long WriteExplicitLittle() => WriteAll(_loaded, DicomTransferSyntax.ExplicitVRLittleEndian);

    [Benchmark(OperationsPerInvoke = BenchData.CtFileCount, Description = "Write ILE")]
    public long WriteImplicitLittle() => WriteAll(_loaded, DicomTransferSyntax.ImplicitVRLittleEndian);

    [Benchmark(OperationsPerInvoke = BenchData.CtFileCount, Description = "Write EBE (byte-swapped)")]
    public long WriteExplicitBig() => WriteAll(_loaded, DicomTransferSyntax.ExplicitVRBigEndian);

    /// <summary>The ELE→ILE→EBE transcode: each dataset read from ELE is written as ILE, then as EBE.</summary>
    [Benchmark(OperationsPerInvoke = BenchData.CtFileCount, Description = "Transcode ELE→ILE→EBE (loaded)")]
    public long TranscodeLoaded() => TranscodeAll(_loaded);

    /// <summary>The same from header-only reads: Pixel Data streams from disk through FileRangeBuffer.CopyTo.</summary>
    [Benchmark(OperationsPerInvoke = BenchData.CtFileCount, Description = "Transcode ELE→ILE→EBE (deferred pixels)")]
    public long TranscodeDeferred() => TranscodeAll(_deferred);

    /// <summary>End to end from the file bytes in memory: parse ELE, write ILE, parse that ILE, write EBE.</summary>
    /// <remarks>Parsing from a stream loads every value (nothing can be deferred without a path).</remarks>
    [Benchmark(OperationsPerInvoke = BenchData.CtFileCount, Description = "Parse ELE→write ILE→parse ILE→write EBE (all in memory)")]
    public long RoundTrip()
    {
        long total = 0;
        using var ile = new MemoryStream(2 * 1024 * 1024);
        foreach (var bytes in _eleBytes)
        {
            var file = DicomFileReader.Read(new MemoryStream(bytes, writable: false));
            ile.Position = 0;
            ile.SetLength(0);
            DicomFileWriter.Write(ile, file, DicomTransferSyntax.ImplicitVRLittleEndian);
            ile.Position = 0;
            var reread = DicomFileReader.Read(ile);
            _output.Position = 0;
            _output.SetLength(0);
            DicomFileWriter.Write(_output, reread, DicomTransferSyntax.ExplicitVRBigEndian);
            total += _output.Length;
        }
        return total;
    }
}

/// <summary>Header read of the 1 GiB multi-frame files (pixel data deferred), steady state.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class LargeFileHeaderBenchmarks
{
    private string _path = "";

    [Params(LargeKind.Nm, LargeKind.EnhancedCt)]
    public LargeKind Kind { get; set; }

    [GlobalSetup]
    public void Setup() => _path = BenchData.EnsureLarge(Kind);

    [Benchmark(Description = "Header read of a 1 GiB multi-frame file")]
    public int HeaderRead() => DicomFileReader.Read(_path).Dataset.Count;
}
