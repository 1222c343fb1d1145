using System.Buffers;
using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>Reassembles incoming PDVs into DIMSE messages: the command set is collected (it is small and capped)
/// and parsed; the data set is handed to a sink fragment by fragment, never held whole.</summary>
/// <remarks>Enforces the framing rules of PS3.7 Section 6.3 / PS3.8 Annex E: PDVs only on accepted presentation
/// contexts; a message is its command fragments followed by its data set fragments on the same context, with no
/// interleaving of another message's fragments. Any violation throws <see cref="DicomNetworkProtocolException"/>
/// and leaves the assembler failed: the association must be aborted.</remarks>
public sealed class DimseMessageAssembler : IAsyncDisposable
{
    /// <summary>Command sets are a few hundred bytes; 64 KiB leaves room for long attribute lists and nothing more.</summary>
    public const int DefaultMaximumCommandLength = 64 * 1024;

    private enum State { BetweenMessages, ReceivingCommand, ReceivingDataSet, Failed }

    private readonly AcceptedPresentationContext?[] _contexts = new AcceptedPresentationContext?[256];
    private readonly IDimseDataSinkFactory _sinkFactory;
    private readonly ArrayBufferWriter<byte> _command = new(512);
    private State _state;
    private AcceptedPresentationContext? _current;
    private DicomDataset? _currentCommand;
    private IDimseDataSink? _sink;

    public DimseMessageAssembler(IEnumerable<AcceptedPresentationContext> acceptedContexts, IDimseDataSinkFactory sinkFactory,
        int maximumCommandLength = DefaultMaximumCommandLength)
    {
        ArgumentNullException.ThrowIfNull(acceptedContexts);
        ArgumentNullException.ThrowIfNull(sinkFactory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumCommandLength, 1);
        foreach (var context in acceptedContexts) _contexts[context.Id] = context;
        _sinkFactory = sinkFactory;
        MaximumCommandLength = maximumCommandLength;
    }

    public int MaximumCommandLength { get; }

    /// <summary>True when no message is partly received (e.g. the moment an A-RELEASE-RQ is orderly).</summary>
    public bool IsBetweenMessages => _state == State.BetweenMessages;

    /// <summary>Consumes one PDV. Await it before advancing the receive buffer: the PDV's data live there.</summary>
    /// <returns>The message this PDV completed, or null when more PDVs are needed.</returns>
    public async ValueTask<DimseMessage?> AddAsync(PresentationDataValue pdv, CancellationToken cancellationToken = default)
    {
        if (_state == State.Failed) throw new InvalidOperationException("The assembler failed earlier; the association must be aborted.");
        try
        {
            return await AddCoreAsync(pdv, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _state = State.Failed;
            await DisposeSinkAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask<DimseMessage?> AddCoreAsync(PresentationDataValue pdv, CancellationToken cancellationToken)
    {
        var context = _contexts[pdv.PresentationContextId]
            ?? throw new DicomNetworkProtocolException(
                $"PDV on presentation context {pdv.PresentationContextId}, which was not accepted on this association", AbortReason.InvalidPduParameterValue);
        switch (_state)
        {
            case State.BetweenMessages:
                if (!pdv.IsCommand) throw Violation($"Data set fragment on presentation context {context.Id} without a command before it");
                _current = context;
                _state = State.ReceivingCommand;
                break;
            case State.ReceivingCommand:
                if (!pdv.IsCommand)
                    throw Violation($"Data set fragment on presentation context {context.Id} before the command on context {_current!.Id} was complete");
                if (context.Id != _current!.Id)
                    throw Violation($"Command fragment on presentation context {context.Id} interleaved with the command on context {_current.Id}");
                break;
            default:
                if (pdv.IsCommand)
                    throw Violation($"Command fragment on presentation context {context.Id} before the data set on context {_current!.Id} was complete");
                if (context.Id != _current!.Id)
                    throw Violation($"Data set fragment on presentation context {context.Id} interleaved with the data set on context {_current.Id}");
                return await AddDataSetFragmentAsync(pdv, cancellationToken).ConfigureAwait(false);
        }
        return await AddCommandFragmentAsync(pdv, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<DimseMessage?> AddCommandFragmentAsync(PresentationDataValue pdv, CancellationToken cancellationToken)
    {
        if (_command.WrittenCount + pdv.Data.Length > MaximumCommandLength)
            throw new DicomNetworkProtocolException($"Command set exceeds the {MaximumCommandLength} bytes accepted", AbortReason.NotSpecified);
        foreach (var segment in pdv.Data) _command.Write(segment.Span);
        if (!pdv.IsLastFragment) return null;

        // The decoder copies every value out, so the buffer can be reused for the next command.
        var command = DimseCommandCodec.Decode(_command.WrittenMemory);
        _command.ResetWrittenCount();
        var context = _current!;
        if (!DimseCommandCodec.HasDataSet(command))
        {
            _state = State.BetweenMessages;
            _current = null;
            return new DimseMessage(context, command, null);
        }
        _currentCommand = command;
        _sink = await _sinkFactory.CreateSinkAsync(context, command, cancellationToken).ConfigureAwait(false);
        _state = State.ReceivingDataSet;
        return null;
    }

    private async ValueTask<DimseMessage?> AddDataSetFragmentAsync(PresentationDataValue pdv, CancellationToken cancellationToken)
    {
        var sink = _sink!;
        foreach (var segment in pdv.Data)
        {
            if (!segment.IsEmpty) await sink.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }
        if (!pdv.IsLastFragment) return null;

        await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
        var message = new DimseMessage(_current!, _currentCommand!, sink);
        _sink = null;
        _currentCommand = null;
        _current = null;
        _state = State.BetweenMessages;
        return message;
    }

    private static DicomNetworkProtocolException Violation(string reason) => new(reason, AbortReason.UnexpectedPduParameter);

    private async ValueTask DisposeSinkAsync()
    {
        var sink = _sink;
        _sink = null;
        if (sink is not null) await sink.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Disposes the sink of a data set still being received (its data are incomplete).</summary>
    public ValueTask DisposeAsync()
    {
        _state = State.Failed;
        return DisposeSinkAsync();
    }
}
