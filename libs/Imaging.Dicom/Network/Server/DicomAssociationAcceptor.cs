using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>Serves one connection as the association acceptor (PS3.8 Section 9.2 state machine, acceptor side):
/// ARTIM until the A-ASSOCIATE-RQ, negotiation, the data transfer phase under idle and DIMSE timeouts, release or abort.</summary>
/// <remarks>Every ending is final: after a reject, an abort (sent or received), a release or a protocol error, the
/// connection is closed and nothing more is read from it.</remarks>
internal sealed class DicomAssociationAcceptor
{
    private static readonly TimeSpan FarewellTimeout = TimeSpan.FromSeconds(2);

    private enum Phase { AwaitingRequest, Associated, Ended }

    private readonly Socket _socket;
    private readonly DicomServerOptions _options;
    private readonly AssociationNegotiator _negotiator;
    private readonly AssociationSlots _slots;
    private readonly IDicomNetworkLog _log;
    private readonly EndPoint? _remote;
    private readonly long _artimDeadline;
    // Read by a running operation to tell an association that is ending anyway from one it has to end itself.
    private volatile Phase _phase = Phase.AwaitingRequest;
    // Set when a running operation ended the association (see RunOperationAsync): the receive loop then sees its
    // transport close under it and must not report that as the peer's doing.
    private volatile bool _abortedByOperation;
    private bool _holdsSlot;
    private Activity? _activity;
    private DicomAssociationContext? _context;
    private DimseMessageAssembler? _assembler;
    private PdvFragmenter? _fragmenter;
    // The one operation (C-FIND, C-MOVE, C-GET) running while the receive loop keeps reading, so that a C-CANCEL-RQ
    // can reach it; any other message waits for it to finish, as the association is synchronous.
    private Task? _operation;
    private CancellationTokenSource? _operationCancel;
    private ushort _operationMessageId;
    private System.Threading.Channels.Channel<DicomDataset>? _subOperationResponses;

    public DicomAssociationAcceptor(Socket socket, DicomServerOptions options, AssociationNegotiator negotiator, AssociationSlots slots)
    {
        _socket = socket;
        _options = options;
        _negotiator = negotiator;
        _slots = slots;
        _log = options.Log;
        _remote = socket.RemoteEndPoint;
        _artimDeadline = Stopwatch.GetTimestamp() + (long)(options.ArtimTimeout.TotalSeconds * Stopwatch.Frequency);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var stream = await OpenStreamAsync(cancellationToken).ConfigureAwait(false);
        if (stream is null) return;
        // Current for the whole connection: a C-STORE provider sees it and links each instance's own trace to it.
        using var activity = DicomServerMetrics.ActivitySource.StartActivity("dicom.association", ActivityKind.Server);
        _activity = activity;
        // A peer that stops reading must not hold the association (and its slot) forever while we try to answer.
        var channel = new PduChannel(stream, new PduReaderLimits(_options.Policy.MaximumPduLength)) { SendTimeout = _options.DimseTimeout };
        await using (channel.ConfigureAwait(false))
        {
            try
            {
                var stoppedByUs = await channel.ReceiveAsync(pdu => HandleAsync(channel, pdu, cancellationToken), CurrentTimeout, cancellationToken)
                    .ConfigureAwait(false);
                if (!stoppedByUs && !_abortedByOperation)
                    _log.Write(_phase == Phase.Associated ? DicomNetworkLogLevel.Warning : DicomNetworkLogLevel.Information,
                        $"{Describe()}: the peer closed the connection{(_phase == Phase.Associated ? " without releasing the association" : "")}");
            }
            catch (DicomNetworkProtocolException ex)
            {
                _log.Write(DicomNetworkLogLevel.Warning, $"{Describe()}: protocol error, aborting: {ex.Message}", ex);
                await SendFarewellAsync(channel, ex.ToAbortPdu()).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                if (_phase == Phase.AwaitingRequest)
                {
                    // PS3.8 9.2 (ARTIM expiry in Sta2): the connection is simply closed, no PDU is sent.
                    _log.Write(DicomNetworkLogLevel.Warning, $"{Describe()}: no A-ASSOCIATE-RQ within the ARTIM timeout; closing");
                }
                else
                {
                    _log.Write(DicomNetworkLogLevel.Warning, $"{Describe()}: {ex.Message} Aborting.");
                    await SendFarewellAsync(channel, new AbortPdu(AbortSource.ServiceProvider, AbortReason.NotSpecified)).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _log.Write(DicomNetworkLogLevel.Information, $"{Describe()}: server stopping; aborting the association");
                if (_phase == Phase.Associated) await SendFarewellAsync(channel, AbortPdu.ByServiceUser).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                if (_abortedByOperation) _log.Write(DicomNetworkLogLevel.Debug, $"{Describe()}: closed after the operation's abort");
                else _log.Write(DicomNetworkLogLevel.Warning, $"{Describe()}: connection lost: {ex.Message}", ex);
            }
            finally
            {
                _phase = Phase.Ended;
                try
                {
                    await StopOperationAsync().ConfigureAwait(false);
                    // An unfinished data set (a C-STORE cut short) is discarded here: its temporary file is deleted.
                    if (_assembler is not null) await _assembler.DisposeAsync().ConfigureAwait(false);
                }
                finally
                {
                    // Whatever failed above, the slot goes back: a leaked one would lower the cap for good.
                    if (_holdsSlot)
                    {
                        _slots.Release();
                        DicomServerMetrics.AssociationsActive.Add(-1);
                    }
                }
            }
        }
    }

    /// <summary>The connection's stream, through the host's wrapper (TLS) when there is one; null when the wrapper failed
    /// or did not finish within the ARTIM timeout, and the connection is closed.</summary>
    private async ValueTask<Stream?> OpenStreamAsync(CancellationToken cancellationToken)
    {
        var network = new NetworkStream(_socket, ownsSocket: true);
        if (_options.ConnectionStream is not { } wrap) return network;
        using var artim = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        artim.CancelAfter(_options.ArtimTimeout);
        try
        {
            return await wrap(network, _remote, artim.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A failed handshake is the peer's problem (wrong certificate, plain DICOM on the TLS port); log and close.
            _log.Write(DicomNetworkLogLevel.Warning, $"{_remote}: connection refused before association: {ex.Message}", ex);
            await network.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    private TimeSpan CurrentTimeout()
    {
        if (_phase == Phase.AwaitingRequest)
        {
            // ARTIM is a deadline, not a silence limit: a client trickling bytes cannot hold the connection longer.
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _artimDeadline);
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1);
        }
        return _assembler!.IsBetweenMessages ? _options.IdleTimeout : _options.DimseTimeout;
    }

    private async ValueTask<bool> HandleAsync(PduChannel channel, Pdu pdu, CancellationToken cancellationToken)
    {
        switch (_phase, pdu)
        {
            case (Phase.AwaitingRequest, AssociateRequestPdu request):
                return await NegotiateAsync(channel, request, cancellationToken).ConfigureAwait(false);
            case (Phase.Associated, DataTransferPdu data):
                foreach (var pdv in data.Values)
                {
                    if (await _assembler!.AddAsync(pdv, cancellationToken).ConfigureAwait(false) is { } message)
                        await DispatchAsync(channel, message, cancellationToken).ConfigureAwait(false);
                }
                return true;
            case (Phase.Associated, ReleaseRequestPdu):
                await WaitForOperationAsync().ConfigureAwait(false);
                if (!_assembler!.IsBetweenMessages)
                    _log.Write(DicomNetworkLogLevel.Warning, $"{Describe()}: released in the middle of a message; the partial message is discarded");
                await channel.SendAsync(ReleaseResponsePdu.Instance, cancellationToken).ConfigureAwait(false);
                _log.Write(DicomNetworkLogLevel.Information, $"{Describe()}: released");
                return false;
            case (_, AbortPdu abort):
                _log.Write(DicomNetworkLogLevel.Warning, $"{Describe()}: aborted by the peer (source {abort.Source}, reason {abort.Reason})");
                return false;
            default:
                throw new DicomNetworkProtocolException(
                    $"Unexpected {pdu.Type} PDU {(_phase == Phase.AwaitingRequest ? "before A-ASSOCIATE-RQ" : "during data transfer")}", AbortReason.UnexpectedPdu);
        }
    }

    private async ValueTask<bool> NegotiateAsync(PduChannel channel, AssociateRequestPdu request, CancellationToken cancellationToken)
    {
        var tookSlot = _slots.TryTake();
        var admission = (_options.Admission?.Invoke(request, _remote) ?? AssociationAdmission.Open) with { AtAssociationLimit = !tookSlot };
        var negotiator = _options.NegotiatorFor?.Invoke(request) ?? _negotiator;
        var outcome = negotiator.Negotiate(request, admission);
        if (outcome is AssociationRejected rejected)
        {
            if (tookSlot) _slots.Release();
            DicomServerMetrics.AssociationsRejected.Add(1, new KeyValuePair<string, object?>("reason", rejected.Reject.Description));
            _activity?.SetTag("dicom.calling_ae", request.CallingAETitle).SetTag("dicom.called_ae", request.CalledAETitle)
                .SetStatus(ActivityStatusCode.Error, "rejected");
            _log.Write(DicomNetworkLogLevel.Warning,
                $"{_remote} ({request.CallingAETitle} -> {request.CalledAETitle}): rejected, {rejected.Reject.Description}: {rejected.Explanation}");
            await channel.SendAsync(rejected.Reject, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var accepted = (AssociationAccepted)outcome;
        _holdsSlot = true;
        DicomServerMetrics.AssociationsActive.Add(1);
        DicomServerMetrics.AssociationsAccepted.Add(1);
        _activity?.SetTag("dicom.calling_ae", request.CallingAETitle).SetTag("dicom.called_ae", request.CalledAETitle);
        var association = accepted.Association;
        _context = new DicomAssociationContext(association, _remote);
        _assembler = new DimseMessageAssembler(association.PresentationContexts, new ServerDataSinkFactory(_options.StoreProvider, association.CallingAETitle,
            _options.SyncReceivedFiles));
        _fragmenter = new PdvFragmenter(association.PeerMaximumLength);
        channel.Limits = association.CreateReaderLimits();
        _phase = Phase.Associated;
        await channel.SendAsync(accepted.Accept, cancellationToken).ConfigureAwait(false);
        _log.Write(DicomNetworkLogLevel.Information,
            $"{Describe()}: associated, {association.PresentationContexts.Count} of {request.PresentationContexts.Count} presentation contexts accepted");
        return true;
    }

    private async ValueTask DispatchAsync(PduChannel channel, DimseMessage message, CancellationToken cancellationToken)
    {
        await using var dataSet = message.DataSet;
        var command = message.Command;
        var field = DimseCommands.GetCommandField(command)
            ?? throw new DicomNetworkProtocolException("Command set has no Command Field (0000,0100)", AbortReason.InvalidPduParameterValue);
        if (field == DimseCommandField.CStoreResponse && _operation is { IsCompleted: false } && _subOperationResponses is { } responses)
        {
            // The answer to one of a running C-GET's C-STORE sub-operations.
            await responses.Writer.WriteAsync(command, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (field == DimseCommandField.CCancelRequest)
        {
            // A C-CANCEL names the operation by Message ID Being Responded To; one for an operation already answered is ignored.
            var cancelled = command.GetInteger(DimseCommandTags.MessageIdBeingRespondedTo);
            _log.Write(DicomNetworkLogLevel.Debug, $"{Describe()}: C-CANCEL for message {cancelled}");
            if (_operation is { IsCompleted: false } && cancelled == _operationMessageId)
                await _operationCancel!.CancelAsync().ConfigureAwait(false);
            return;
        }
        await WaitForOperationAsync().ConfigureAwait(false);
        var messageId = DimseCommands.GetMessageId(command)
            ?? throw new DicomNetworkProtocolException("Request has no Message ID (0000,0110)", AbortReason.InvalidPduParameterValue);
        if (DimseCommandField.IsResponse(field))
            throw new DicomNetworkProtocolException($"Unexpected response 0x{field:X4}: this SCP sent no request", AbortReason.UnexpectedPduParameter);

        var context = message.PresentationContext;
        var sopClass = command.GetSingleString(DimseCommandTags.AffectedSopClassUid);
        switch (field)
        {
            case DimseCommandField.CEchoRequest:
                var echoStatus = sopClass == DicomUids.Verification.Uid && context.AbstractSyntax == sopClass
                    ? await _options.EchoProvider.OnCEchoAsync(_context!, cancellationToken).ConfigureAwait(false)
                    : DimseStatus.SopClassNotSupported;
                await RespondAsync(channel, context, DimseCommands.EchoResponse(messageId, echoStatus), cancellationToken).ConfigureAwait(false);
                break;
            case DimseCommandField.CStoreRequest:
                // From the last PDV, before the sink's own fdatasync: that is the SCP's share of the C-STORE too.
                var received = (dataSet as CStoreTemporaryFileSink)?.LastFragmentTimestamp is > 0 and var last ? last : Stopwatch.GetTimestamp();
                var sopInstance = command.GetSingleString(DicomTags.AffectedSOPInstanceUID);
                var storeStatus = await StoreAsync(context, dataSet as CStoreTemporaryFileSink, sopClass, sopInstance, messageId, cancellationToken).ConfigureAwait(false);
                var storedBytes = (dataSet as CStoreTemporaryFileSink)?.DataSetLength ?? 0;
                // Whatever the provider left of the temporary file goes before the peer hears the outcome.
                if (dataSet is not null) await dataSet.DisposeAsync().ConfigureAwait(false);
                await RespondAsync(channel, context, DimseCommands.StoreResponse(messageId, sopClass, sopInstance, storeStatus), cancellationToken).ConfigureAwait(false);
                DicomServerMetrics.CStoreResponseTime.Record(Stopwatch.GetElapsedTime(received).TotalMilliseconds);
                DicomServerMetrics.InstancesReceived.Add(1, new KeyValuePair<string, object?>("success", storeStatus == DimseStatus.Success));
                DicomServerMetrics.BytesReceived.Add(storedBytes);
                break;
            case DimseCommandField.CMoveRequest:
                var moveIdentifier = ReadIdentifier(dataSet, context);
                StartOperation(channel, messageId, cancelled => CMoveService.RunAsync(_options, _context!, command, messageId, moveIdentifier,
                    Responder(channel, context), _log, cancelled, cancellationToken), cancellationToken);
                break;
            case DimseCommandField.CGetRequest:
                var getIdentifier = ReadIdentifier(dataSet, context);
                var subResponses = System.Threading.Channels.Channel.CreateUnbounded<DicomDataset>();
                _subOperationResponses = subResponses;
                StartOperation(channel, messageId, cancelled => CGetService.RunAsync(_options, _context!, command, messageId, getIdentifier,
                    Responder(channel, context), new CGetSubOperations(channel, _fragmenter!, subResponses.Reader, _options.DimseTimeout), _log, cancelled,
                    cancellationToken),
                    cancellationToken);
                break;
            case DimseCommandField.CFindRequest:
                var identifier = ReadIdentifier(dataSet, context);
                StartOperation(channel, messageId, cancelled => CFindService.RunAsync(_options.FindProvider, _context!, sopClass, messageId, identifier,
                    Responder(channel, context), _log, cancelled, cancellationToken), cancellationToken);
                break;
            default:
                _log.Write(DicomNetworkLogLevel.Warning, $"{Describe()}: unsupported DIMSE operation 0x{field:X4}");
                await RespondAsync(channel, context, DimseCommands.UnrecognizedOperationResponse(field, messageId, sopClass), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask<ushort> StoreAsync(AcceptedPresentationContext context, CStoreTemporaryFileSink? file, string? sopClass, string? sopInstance,
        ushort messageId, CancellationToken cancellationToken)
    {
        if (_options.StoreProvider is not { } provider || file is null) return DimseStatus.SopClassNotSupported;
        if (sopClass != context.AbstractSyntax) return DimseStatus.SopClassNotSupported;
        if (sopInstance is null) return DimseStatus.CannotUnderstand;
        try
        {
            var status = await provider.OnCStoreAsync(new CStoreRequest(file.FilePath, sopClass, sopInstance, context.TransferSyntax, messageId, _context!)
                { IsDataDurable = file.IsDurable }, cancellationToken)
                .ConfigureAwait(false);
            _log.Write(DimseStatus.IsFailure(status) ? DicomNetworkLogLevel.Warning : DicomNetworkLogLevel.Debug,
                $"{Describe()}: C-STORE {sopInstance} ({file.DataSetLength} bytes): status 0x{status:X4}");
            return status;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.Write(DicomNetworkLogLevel.Error, $"{Describe()}: the store provider failed on {sopInstance}", ex);
            return DimseStatus.ProcessingFailure;
        }
    }

    private void StartOperation(PduChannel channel, ushort messageId, Func<CancellationToken, Task> work, CancellationToken stopping)
    {
        _operationCancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _operationMessageId = messageId;
        _operation = RunOperationAsync(channel, messageId, work, _operationCancel.Token, stopping);
    }

    private async Task RunOperationAsync(PduChannel channel, ushort messageId, Func<CancellationToken, Task> work, CancellationToken cancelled,
        CancellationToken stopping)
    {
        // Off the receive loop from the first step, so that the loop is free to read a C-CANCEL.
        await Task.Yield();
        try
        {
            await work(cancelled).ConfigureAwait(false);
        }
        catch (Exception ex) when (stopping.IsCancellationRequested || _phase != Phase.Associated)
        {
            // The association is ending anyway (server stopping, peer gone, abort under way); the receive loop reports why.
            _log.Write(DicomNetworkLogLevel.Debug, $"{Describe()}: operation {messageId} ended with the association: {ex.Message}");
        }
        catch (Exception ex)
        {
            // The services answer every failure of their providers and files with a final response; what still gets
            // here broke the exchange itself: a response that could not be sent (a send timeout has already closed the
            // transport), a data set cut short, a sub-operation response that never came, or a defect. No final
            // response can follow, so the peer must not be left waiting for one: the association is aborted.
            _log.Write(ex is IOException or SocketException or TimeoutException or ObjectDisposedException ? DicomNetworkLogLevel.Warning : DicomNetworkLogLevel.Error,
                $"{Describe()}: operation {messageId} cannot go on ({ex.Message}); aborting the association", ex);
            await AbortFromOperationAsync(channel).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the association from the operation's task: an A-ABORT if the peer still takes one, then the
    /// transport is closed, which also ends the receive loop's pending read.</summary>
    private async ValueTask AbortFromOperationAsync(PduChannel channel)
    {
        _abortedByOperation = true;
        using (var timeout = new CancellationTokenSource(FarewellTimeout))
        {
            try
            {
                await channel.SendAsync(new AbortPdu(AbortSource.ServiceProvider, AbortReason.NotSpecified), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException
                or TimeoutException)
            {
                // The peer is gone or not reading; closing the transport is all that is left.
            }
        }
        await channel.CloseTransportAsync().ConfigureAwait(false);
    }

    private async ValueTask WaitForOperationAsync()
    {
        if (_operation is null) return;
        await _operation.ConfigureAwait(false);
        _operation = null;
        _subOperationResponses = null;
        _operationCancel?.Dispose();
        _operationCancel = null;
    }

    private async ValueTask StopOperationAsync()
    {
        if (_operation is null) return;
        await _operationCancel!.CancelAsync().ConfigureAwait(false);
        // A C-GET waiting for a sub-operation's response that will never come ends with ChannelClosedException.
        _subOperationResponses?.Writer.TryComplete();
        await WaitForOperationAsync().ConfigureAwait(false);
    }

    private static DicomDataset? ReadIdentifier(IDimseDataSink? dataSet, AcceptedPresentationContext context)
    {
        if (dataSet is not DimseMemoryDataSink { IsComplete: true } memory) return null;
        try
        {
            using var stream = new ReadOnlyMemoryStream(memory.WrittenMemory);
            return DicomFileReader.ReadDataset(stream, context.TransferSyntax, IdentifierReaderOptions);
        }
        catch (DicomFormatException)
        {
            return null;
        }
    }

    // Identifiers are small; these caps keep a hostile one cheap.
    private static readonly DicomReaderOptions IdentifierReaderOptions = new() { MaxSequenceDepth = 4, MaxAttributeCount = 4096 };

    private DimseResponder Responder(PduChannel channel, AcceptedPresentationContext context) => async (command, dataSet, cancellationToken) =>
    {
        _fragmenter!.WriteCommand(channel.Writer, context.Id, DimseCommandCodec.Encode(command));
        if (dataSet is not null)
        {
            using var encoded = new MemoryStream();
            DicomDatasetWriter.Write(encoded, dataSet, context.TransferSyntax);
            _fragmenter.WriteDataSet(channel.Writer, context.Id, encoded.GetBuffer().AsSpan(0, (int)encoded.Length));
        }
        await channel.FlushAsync(cancellationToken).ConfigureAwait(false);
    };

    private async ValueTask RespondAsync(PduChannel channel, AcceptedPresentationContext context, DicomDataset response, CancellationToken cancellationToken)
    {
        _fragmenter!.WriteCommand(channel.Writer, context.Id, DimseCommandCodec.Encode(response));
        await channel.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a last PDU (an abort) without letting a dead or stalled peer delay the close.</summary>
    private async ValueTask SendFarewellAsync(PduChannel channel, Pdu pdu)
    {
        // The running operation writes to the same channel: it must be gone before the last PDU is written, and it
        // must see the association ending so that it does not abort it a second time.
        _phase = Phase.Ended;
        await StopOperationAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(FarewellTimeout);
        try
        {
            await channel.SendAsync(pdu, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is gone or not reading; closing the connection is all that is left.
        }
    }

    private string Describe() =>
        _context is { } c ? $"{_remote} ({c.CallingAETitle} -> {c.CalledAETitle})" : $"{_remote}";
}
