using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Gateway.Tests;

/// <summary>One Orthanc for the query/retrieve tests of a class, filled once by our SCU with four studies (one of them
/// three MR instances in one series, in three encodings); the tests only read from it.</summary>
public sealed class OrthancWithStudies : IAsyncLifetime
{
    /// <summary>The AE title our SCU calls as: Orthanc answers C-FIND, C-MOVE and C-GET only from peers it knows.</summary>
    public const string ScuAETitle = "IMAGINGSCU";

    public static IReadOnlyList<string> Files { get; } =
    [
        TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"),
        TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm"),
        TestPaths.Corpus("ct_mr/MR_brain_TS2_ILE.dcm"),
        TestPaths.Corpus("ct_mr/MR_brain_TS4_RLE.dcm"),
        TestPaths.Corpus("nm/WG04_NM1_RLE.dcm"),
        TestPaths.Corpus("interop/ts/IM00001_JPEGbaseline_frag_noBOT.dcm"),
    ];

    public OrthancPeer Orthanc { get; private set; } = null!;

    /// <summary>The stored file's header, for the answers to expect.</summary>
    public static DicomDataset Header(string file) => DicomFileReader.Read(file).Dataset;

    public static string Uid(string file, DicomTag tag) => Header(file).GetString(tag)!;

    /// <summary>The corpus files of the MR study.</summary>
    public static IReadOnlyList<string> MrFiles => [.. Files.Where(f => f.Contains("MR_brain", StringComparison.Ordinal))];

    public DicomClient Client() => new(new DicomClientOptions
    {
        Host = "127.0.0.1",
        Port = Orthanc.DicomPort,
        CalledAETitle = OrthancPeer.AETitle,
        CallingAETitle = ScuAETitle,
        AssociationTimeout = TimeSpan.FromSeconds(10),
        DimseTimeout = TimeSpan.FromSeconds(20),
    });

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        // Port 1: Orthanc never calls our SCU back; C-MOVE destinations are registered by the tests that need them.
        Orthanc = await OrthancPeer.StartAsync(new Dictionary<string, (string, int)> { ["scu"] = (ScuAETitle, 1) }, timeout.Token);
        var results = await Client().StoreAsync(Files, timeout.Token);
        var failed = results.Where(r => !r.IsSuccess).Select(r => $"{r.FilePath}: status {r.Status:X4} {r.Error}").ToList();
        if (failed.Count > 0) throw new InvalidOperationException($"Filling Orthanc failed:\n{string.Join("\n", failed)}\n{Orthanc.Log}");
    }

    public async Task DisposeAsync()
    {
        if (Orthanc is not null) await Orthanc.DisposeAsync();
    }
}
