using System.Collections.Concurrent;
using System.Net;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Worker.Tests.Results;

/// <summary>Our own SCP on a free loopback port that accepts every C-STORE and records the SOP Instance UIDs in order.</summary>
internal sealed class RecordingDestination : IAsyncDisposable, ICStoreProvider
{
    public const string AETitle = "RECORDING";

    private readonly TempFolder _folder = new();
    private readonly DicomServer _server;
    private readonly ConcurrentQueue<string> _uids = new();

    public RecordingDestination()
    {
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

    public int Port => _server.LocalEndPoint.Port;

    public IReadOnlyList<string> SopInstanceUids => [.. _uids];

    public string IncomingDirectory => Path.Combine(_folder.Path, "incoming");

    public ValueTask<ushort> OnCStoreAsync(CStoreRequest request, CancellationToken cancellationToken)
    {
        _uids.Enqueue(request.SopInstanceUid);
        return ValueTask.FromResult(DimseStatus.Success);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _folder.Dispose();
    }
}
