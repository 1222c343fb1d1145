using System.IO.Pipelines;
using System.Net.Sockets;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>A hand-driven peer: sends whatever bytes or PDUs a test wants, in any order, and reads what comes back.</summary>
internal sealed class RawDicomConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;

    private RawDicomConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream);
        Writer = PipeWriter.Create(_stream);
    }

    public PipeWriter Writer { get; }

    /// <param name="receiveBufferSize">A small value makes the server's sends block sooner when this peer stops reading.</param>
    public static async Task<RawDicomConnection> ConnectAsync(int port, CancellationToken cancellationToken, int? receiveBufferSize = null)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize is { } size) socket.ReceiveBufferSize = size;
        await socket.ConnectAsync("127.0.0.1", port, cancellationToken);
        return new RawDicomConnection(socket);
    }

    public async Task SendBytesAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    public async Task SendAsync(Pdu pdu, CancellationToken cancellationToken) => await SendBytesAsync(PduWriter.ToArray(pdu), cancellationToken);

    /// <summary>The next PDU (P-DATA payloads detached), or null once the server has closed the connection.</summary>
    public async Task<Pdu?> ReadPduAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var limits = new PduReaderLimits(1024 * 1024);
        while (true)
        {
            ReadResult read;
            try
            {
                read = await _reader.ReadAsync(cts.Token);
            }
            catch (IOException)
            {
                return null; // reset by the server: closed all the same
            }
            var buffer = read.Buffer;
            if (PduReader.TryReadPdu(ref buffer, limits, out var pdu))
            {
                if (pdu is DataTransferPdu data) pdu = new DataTransferPdu(data.Values.Select(v => v.Detach()).ToList());
                _reader.AdvanceTo(buffer.Start);
                return pdu;
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted) return null;
        }
    }

    /// <summary>Associates with the given contexts and returns the negotiated terms.</summary>
    public async Task<NegotiatedAssociation> AssociateAsync(IReadOnlyList<PresentationContextRequest> contexts, CancellationToken cancellationToken) =>
        (await AssociateAsync(BuildRequest(contexts), cancellationToken)).Association;

    /// <summary>Sends a hand-adjusted request; returns the A-ASSOCIATE-AC as received and the terms read from it.</summary>
    public async Task<(AssociateAcceptPdu Accept, NegotiatedAssociation Association)> AssociateAsync(AssociateRequestPdu request, CancellationToken cancellationToken)
    {
        await SendAsync(request, cancellationToken);
        var accept = Assert.IsType<AssociateAcceptPdu>(await ReadPduAsync(TimeSpan.FromSeconds(10)));
        return (accept, AssociationRequestor.ReadAccept(request, accept));
    }

    public static AssociateRequestPdu BuildRequest(IReadOnlyList<PresentationContextRequest> contexts) =>
        AssociationRequestor.BuildRequest("RAWSCU", TestServer.AETitle, contexts, 64 * 1024);

    /// <summary>True once the server has closed the connection (end of stream or reset), false if it is still open at the deadline.</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var pdu = await ReadPduOrTimeoutAsync(deadline - DateTime.UtcNow);
            if (pdu is null) return true;
        }
        return false;
    }

    private async Task<Pdu?> ReadPduOrTimeoutAsync(TimeSpan remaining)
    {
        try
        {
            return await ReadPduAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1)) ?? null;
        }
        catch (OperationCanceledException)
        {
            return AbortPdu.ByServiceUser; // still open: anything non-null keeps waiting
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        try
        {
            await Writer.CompleteAsync();
        }
        catch (IOException)
        {
        }
        _socket.Dispose();
    }
}
