using System.Net;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>A <see cref="DicomServer"/> on a free loopback port, storing into a temporary folder.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string AETitle = "IMAGING";

    private readonly TempFolder _folder = new();

    public TestServer(Func<DicomServerOptions, DicomServerOptions>? configure = null)
    {
        Store = new FileSystemCStoreProvider(Path.Combine(_folder.Path, "store"));
        var options = new DicomServerOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            Policy = new AssociationPolicy
            {
                CalledAETitles = [AETitle],
                AbstractSyntaxes = StandardAbstractSyntaxes.VerificationAndStorage(),
                MaximumPduLength = 64 * 1024,
            },
            StoreProvider = Store,
            Log = Log,
        };
        Server = new DicomServer(configure?.Invoke(options) ?? options);
        Server.Start();
    }

    public DicomServer Server { get; }

    public FileSystemCStoreProvider Store { get; }

    public RecordingNetworkLog Log { get; } = new();

    public int Port => Server.LocalEndPoint.Port;

    public DicomClient CreateClient(TimeSpan? timeout = null) => new(new DicomClientOptions
    {
        Host = "127.0.0.1",
        Port = Port,
        CalledAETitle = AETitle,
        CallingAETitle = "TESTSCU",
        AssociationTimeout = timeout ?? TimeSpan.FromSeconds(10),
        DimseTimeout = timeout ?? TimeSpan.FromSeconds(10),
    });

    /// <summary>Every instance kept in the store (the incoming folder excluded).</summary>
    public IReadOnlyList<string> StoredFiles() =>
        Directory.EnumerateFiles(Store.Root, "*.dcm", SearchOption.AllDirectories).ToList();

    public IReadOnlyList<string> IncomingFiles() =>
        Directory.Exists(Store.IncomingDirectory) ? Directory.GetFiles(Store.IncomingDirectory) : [];

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}
