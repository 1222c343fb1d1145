using System.Net.Sockets;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>The requestor's end of one association: opens it, exchanges one DIMSE request and response at a time,
/// and releases or aborts it.</summary>
internal sealed class DicomClientAssociation : IAsyncDisposable
{
    private const int ResponseDataSetCap = 16 * 1024 * 1024;

    private readonly DicomClientOptions _options;
    private readonly PduChannel _channel;
    private readonly PdvFragmenter _fragmenter;
    private readonly DimseMessageAssembler _assembler;
    private readonly Queue<DimseMessage> _received = new();
    private ushort _lastMessageId;
    private bool _ended;

    private readonly SemaphoreSlim _sending = new(1, 1);

    private DicomClientAssociation(DicomClientOptions options, PduChannel channel, NegotiatedAssociation association, IDimseDataSinkFactory? sinks)
    {
        _options = options;
        _channel = channel;
        Association = association;
        _fragmenter = new PdvFragmenter(association.PeerMaximumLength);
        _assembler = new DimseMessageAssembler(association.PresentationContexts, sinks ?? new MemoryDataSinkFactory(ResponseDataSetCap));
        channel.Limits = new PduReaderLimits(association.OwnMaximumLength);
    }

    public NegotiatedAssociation Association { get; }

    /// <exception cref="DicomAssociationRejectedException">The peer answered with A-ASSOCIATE-RJ.</exception>
    /// <exception cref="DicomAssociationAbortedException">The peer aborted or closed instead of answering.</exception>
    public static Task<DicomClientAssociation> OpenAsync(DicomClientOptions options, IReadOnlyList<PresentationContextRequest> contexts,
        CancellationToken cancellationToken) => OpenAsync(options, contexts, null, null, cancellationToken);

    /// <param name="roleSelections">Role proposals (C-GET: the SCP role for the storage classes).</param>
    /// <param name="sinks">Where incoming data sets go; default: memory, capped.</param>
    public static async Task<DicomClientAssociation> OpenAsync(DicomClientOptions options, IReadOnlyList<PresentationContextRequest> contexts,
        IReadOnlyList<RoleSelection>? roleSelections, IDimseDataSinkFactory? sinks, CancellationToken cancellationToken)
    {
        var request = AssociationRequestor.BuildRequest(options.CallingAETitle, options.CalledAETitle, contexts, options.MaximumPduLength, roleSelections);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(options.ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(options.Host, options.Port, connectTimeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"Could not connect to {options.Host}:{options.Port} within {options.ConnectTimeout.TotalSeconds:0.###} s.");
                }
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (options.ConnectionStream is { } wrap)
        {
            // DICOM TLS (PS3.15 B.1): the handshake is part of connecting, so it shares the association timeout.
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            handshake.CancelAfter(options.AssociationTimeout);
            try
            {
                stream = await wrap(stream, handshake.Token).ConfigureAwait(false);
            }
            catch
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        // A peer that stops reading (mid-instance, typically) must not hold us forever: each send gets the DIMSE timeout.
        var channel = new PduChannel(stream, new PduReaderLimits(options.MaximumPduLength))
        {
            SendTimeout = options.DimseTimeout,
        };
        try
        {
            await channel.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Pdu? answer = null;
            await channel.ReceiveAsync(pdu =>
            {
                answer = pdu;
                return ValueTask.FromResult(false);
            }, () => options.AssociationTimeout, cancellationToken).ConfigureAwait(false);
            switch (answer)
            {
                case AssociateAcceptPdu accept:
                    return new DicomClientAssociation(options, channel, AssociationRequestor.ReadAccept(request, accept), sinks);
                case AssociateRejectPdu reject:
                    throw new DicomAssociationRejectedException(reject);
                case AbortPdu abort:
                    throw new DicomAssociationAbortedException(abort, $"The peer aborted the association request (source {abort.Source}, reason {abort.Reason}).");
                case null:
                    throw new DicomAssociationAbortedException(null, "The peer closed the connection instead of answering the association request.");
                default:
                    throw new DicomNetworkProtocolException($"Unexpected {answer.Type} PDU in answer to A-ASSOCIATE-RQ", AbortReason.UnexpectedPdu);
            }
        }
        catch (DicomNetworkProtocolException ex)
        {
            await TrySendAsync(channel, ex.ToAbortPdu()).ConfigureAwait(false);
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ushort NextMessageId() => unchecked(++_lastMessageId == 0 ? ++_lastMessageId : _lastMessageId);

    /// <summary>Sends a request (its data set streamed from <paramref name="dataSet"/> when given) and waits for the response.</summary>
    /// <returns>The response command (a response data set, if any, is discarded).</returns>
    public async Task<DicomDataset> SendRequestAsync(AcceptedPresentationContext context, DicomDataset command, Stream? dataSet, CancellationToken cancellationToken)
    {
        var messageId = DimseCommands.GetMessageId(command) ?? throw new ArgumentException("The request has no Message ID.", nameof(command));
        try
        {
            try
            {
                _fragmenter.WriteCommand(_channel.Writer, context.Id, DimseCommandCodec.Encode(command));
                await _channel.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (dataSet is not null)
                    await _fragmenter.WriteDataSetAsync(_channel.Writer, context.Id, dataSet, _channel.FlushAsync, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                // A peer that aborts while we send closes the connection under us; its A-ABORT explains why.
                _ended = true;
                var abort = await TryReadAbortAsync().ConfigureAwait(false);
                throw new DicomAssociationAbortedException(abort,
                    abort is null ? $"The connection failed while sending: {ex.Message}" : $"The peer aborted the association while we were sending (source {abort.Source}, reason {abort.Reason}).");
            }

            var response = await ReceiveNextAsync(cancellationToken).ConfigureAwait(false);
            await using (response.DataSet)
            {
                var respondingTo = (ushort?)response.Command.GetInteger(DimseCommandTags.MessageIdBeingRespondedTo);
                if (respondingTo != messageId)
                    throw new DicomNetworkProtocolException($"Response to message {respondingTo} while message {messageId} was awaited", AbortReason.UnexpectedPduParameter);
                return response.Command;
            }
        }
        catch (DicomNetworkProtocolException ex)
        {
            await AbortAsync(ex.ToAbortPdu()).ConfigureAwait(false);
            throw;
        }
        catch (TimeoutException)
        {
            await AbortAsync(AbortPdu.ByServiceUser).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends a command and, when given, its data set already encoded in the context's transfer syntax.</summary>
    public async Task SendAsync(AcceptedPresentationContext context, DicomDataset command, ReadOnlyMemory<byte>? dataSet, CancellationToken cancellationToken)
    {
        // A C-CANCEL from a cancellation callback may coincide with a C-STORE-RSP of a C-GET: one message at a time.
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _fragmenter.WriteCommand(_channel.Writer, context.Id, DimseCommandCodec.Encode(command));
            if (dataSet is { } bytes) _fragmenter.WriteDataSet(_channel.Writer, context.Id, bytes.Span);
            await _channel.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            _ended = true;
            throw new DicomAssociationAbortedException(null, $"The connection failed while sending: {ex.Message}");
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Reads the next DIMSE message (a response or, during C-GET, a C-STORE request); the caller owns its data set.</summary>
    public async Task<DimseMessage> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReceiveNextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DicomNetworkProtocolException ex)
        {
            await AbortAsync(ex.ToAbortPdu()).ConfigureAwait(false);
            throw;
        }
        catch (TimeoutException)
        {
            await AbortAsync(AbortPdu.ByServiceUser).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The next complete DIMSE message, in arrival order; callers decide how a protocol error ends the association.</summary>
    private async Task<DimseMessage> ReceiveNextAsync(CancellationToken cancellationToken)
    {
        if (_received.TryDequeue(out var queued)) return queued;
        var stopped = await _channel.ReceiveAsync(async pdu =>
        {
            switch (pdu)
            {
                case DataTransferPdu data:
                    // One PDU may complete a message and start the next: every completed message is kept, in order.
                    foreach (var pdv in data.Values)
                    {
                        if (await _assembler.AddAsync(pdv, cancellationToken).ConfigureAwait(false) is { } message)
                            _received.Enqueue(message);
                    }
                    return _received.Count == 0;
                case AbortPdu abort:
                    _ended = true;
                    throw new DicomAssociationAbortedException(abort, $"The peer aborted the association (source {abort.Source}, reason {abort.Reason}).");
                default:
                    throw new DicomNetworkProtocolException($"Unexpected {pdu.Type} PDU while waiting for a DIMSE message", AbortReason.UnexpectedPdu);
            }
        }, () => _options.DimseTimeout, cancellationToken).ConfigureAwait(false);
        if (!stopped)
        {
            _ended = true;
            throw new DicomAssociationAbortedException(null, "The peer closed the connection while a DIMSE message was awaited.");
        }
        return _received.Dequeue();
    }

    private async Task<AbortPdu?> TryReadAbortAsync()
    {
        AbortPdu? abort = null;
        try
        {
            await _channel.ReceiveAsync(pdu =>
            {
                abort = pdu as AbortPdu;
                return ValueTask.FromResult(abort is null);
            }, () => TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or DicomNetworkProtocolException or InvalidOperationException)
        {
            // Nothing readable is left; the send failure stands on its own.
        }
        return abort;
    }

    /// <summary>Orderly release (A-RELEASE-RQ, then wait for A-RELEASE-RP).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_ended) return;
        _ended = true;
        await _channel.SendAsync(ReleaseRequestPdu.Instance, cancellationToken).ConfigureAwait(false);
        try
        {
            await _channel.ReceiveAsync(pdu =>
            {
                switch (pdu)
                {
                    case ReleaseResponsePdu:
                        return ValueTask.FromResult(false);
                    case AbortPdu abort:
                        throw new DicomAssociationAbortedException(abort, "The peer aborted the association instead of releasing it.");
                    case DataTransferPdu:
                        // A late response to nothing we wait for any more: ignored while the release completes.
                        return ValueTask.FromResult(true);
                    default:
                        throw new DicomNetworkProtocolException($"Unexpected {pdu.Type} PDU while waiting for A-RELEASE-RP", AbortReason.UnexpectedPdu);
                }
            }, () => _options.AssociationTimeout, cancellationToken).ConfigureAwait(false);
            // A peer that closes instead of answering our A-RELEASE-RQ has ended the association all the same.
        }
        catch (DicomNetworkProtocolException ex)
        {
            await TrySendAsync(_channel, ex.ToAbortPdu()).ConfigureAwait(false);
            throw;
        }
    }

    public async Task AbortAsync(AbortPdu abort)
    {
        if (_ended) return;
        _ended = true;
        await TrySendAsync(_channel, abort).ConfigureAwait(false);
    }

    private static async Task TrySendAsync(PduChannel channel, Pdu pdu)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await channel.SendAsync(pdu, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is gone; there is nobody left to tell.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _assembler.DisposeAsync().ConfigureAwait(false);
        await _channel.DisposeAsync().ConfigureAwait(false);
        _sending.Dispose();
    }
}
