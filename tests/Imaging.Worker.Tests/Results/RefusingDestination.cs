using System.Net;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Worker.Tests.Results;

/// <summary>Our own SCP on a free loopback port that answers every C-STORE with a failure status (a PACS that refuses the
/// objects), counting the requests.</summary>
internal sealed class RefusingDestination : IAsyncDisposable, ICStoreProvider
{
    public const string AETitle = "REFUSING";

    private readonly TempFolder _folder = new();
    private readonly DicomServer _server;
    private int _requests;

    public RefusingDestination(ushort status)
    {
        Status = status;
        Directory.CreateDirectory(IncomingDirectory);
        _server = new DicomServer(new DicomServerOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            Policy = new AssociationPolicy { CalledAETitles = [AETitle], AbstractSyntaxes = StandardAbstractSyntaxes.VerificationAndStorage() },
            StoreProvider = this,
        });
        _server.Start();
    }

    public ushort Status { get; }

    public int Port => _server.LocalEndPoint.Port;

    public int Requests => Volatile.Read(ref _requests);

    public string IncomingDirectory => Path.Combine(_folder.Path, "incoming");

    public ValueTask<ushort> OnCStoreAsync(CStoreRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return ValueTask.FromResult(Status);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _folder.Dispose();
    }
}
