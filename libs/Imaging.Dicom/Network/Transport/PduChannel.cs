using System.IO.Pipelines;

namespace Imaging.Dicom.Network;

/// <summary>One connection's PDU traffic: pipes over the transport stream, PDUs parsed under the current limits,
/// every read bounded by a timeout.</summary>
internal sealed class PduChannel : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private CancellationTokenSource? _timer;
    private CancellationToken _timerToken;
    private CancellationTokenSource? _sendTimer;
    private CancellationToken _sendTimerToken;

    public PduChannel(Stream stream, PduReaderLimits limits)
    {
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        Writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        Limits = limits;
    }

    /// <summary>Applied to every PDU header before its body is buffered; raised once an association is accepted.</summary>
    public PduReaderLimits Limits { get; set; }

    public PipeWriter Writer { get; }

    /// <summary>How long one flush may wait for the peer to take our bytes (infinite by default). A peer that sends
    /// requests but never reads the responses would otherwise hold the connection, and the task serving it, forever.</summary>
    /// <remarks>On expiry the transport is closed before <see cref="TimeoutException"/> is thrown: the peer is not
    /// reading, so not even an A-ABORT would reach it, and a pending read must end too.</remarks>
    public TimeSpan SendTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    public async ValueTask SendAsync(Pdu pdu, CancellationToken cancellationToken)
    {
        PduWriter.Write(Writer, pdu);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        FlushResult flush;
        if (SendTimeout == Timeout.InfiniteTimeSpan)
        {
            flush = await Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var timer = SendTimer(cancellationToken);
            var pending = Writer.FlushAsync(timer.Token);
            // The common case: the socket took everything at once, and no timer was ever armed.
            if (pending.IsCompleted)
            {
                flush = pending.Result;
            }
            else
            {
                timer.CancelAfter(SendTimeout);
                try
                {
                    flush = await pending.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await _stream.DisposeAsync().ConfigureAwait(false);
                    throw new TimeoutException($"The peer took none of our data in {SendTimeout.TotalSeconds:0.###} s.");
                }
                finally
                {
                    timer.CancelAfter(Timeout.InfiniteTimeSpan);
                }
            }
        }
        if (flush.IsCompleted) throw new IOException("The peer closed the connection.");
    }

    /// <summary>Closes the transport, so that a pending read (the receive loop's) ends too: for a task other than the
    /// receive loop that has to end the connection. Disposing the channel later is still required.</summary>
    public ValueTask CloseTransportAsync() => _stream.DisposeAsync();

    /// <summary>One linked source per caller token, reused between flushes (they never overlap: one writer at a time).</summary>
    private CancellationTokenSource SendTimer(CancellationToken cancellationToken)
    {
        if (_sendTimer is null || _sendTimerToken != cancellationToken || !_sendTimer.TryReset())
        {
            _sendTimer?.Dispose();
            _sendTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _sendTimerToken = cancellationToken;
        }
        return _sendTimer;
    }

    /// <summary>Reads PDUs and hands each to <paramref name="handler"/> (before the receive buffer moves past it, so
    /// P-DATA slices are valid during the call) until the handler returns false.</summary>
    /// <param name="timeout">Asked before every read, because the allowed silence depends on the protocol state.</param>
    /// <returns>True when the handler stopped the loop; false when the peer closed the connection.</returns>
    /// <exception cref="TimeoutException">Nothing arrived within the timeout.</exception>
    /// <exception cref="DicomNetworkProtocolException">The bytes are not a valid PDU.</exception>
    public async ValueTask<bool> ReceiveAsync(Func<Pdu, ValueTask<bool>> handler, Func<TimeSpan> timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await ReadWithTimeoutAsync(timeout(), cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var keepGoing = true;
            try
            {
                while (keepGoing && PduReader.TryReadPdu(ref buffer, Limits, out var pdu))
                    keepGoing = await handler(pdu).ConfigureAwait(false);
            }
            finally
            {
                // Consumed up to the last whole PDU; everything was examined only when more bytes are needed.
                if (keepGoing) _reader.AdvanceTo(buffer.Start, buffer.End);
                else _reader.AdvanceTo(buffer.Start);
            }
            if (!keepGoing) return true;
            if (read.IsCompleted || read.IsCanceled) return false;
        }
    }

    private async ValueTask<ReadResult> ReadWithTimeoutAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // One linked source per caller token, reset between reads, instead of a new source (and timer) for every read:
        // a 512 KiB instance takes ten or more reads.
        if (_timer is null || _timerToken != cancellationToken || !_timer.TryReset())
        {
            _timer?.Dispose();
            _timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _timerToken = cancellationToken;
        }
        if (timeout != Timeout.InfiniteTimeSpan) _timer.CancelAfter(timeout);
        try
        {
            return await _reader.ReadAsync(_timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing received from the peer in {timeout.TotalSeconds:0.###} s.");
        }
        finally
        {
            // Stop the timer now, so it cannot fire while the handler works on what was read.
            if (timeout != Timeout.InfiniteTimeSpan) _timer.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync().ConfigureAwait(false);
        try
        {
            await Writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Flushing the last bytes to a peer that has gone (or whose transport a send timeout closed) is not an
            // error worth reporting at close.
        }
        await _stream.DisposeAsync().ConfigureAwait(false);
        _timer?.Dispose();
        _sendTimer?.Dispose();
    }
}
