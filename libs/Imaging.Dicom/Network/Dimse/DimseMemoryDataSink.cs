using System.Buffers;

namespace Imaging.Dicom.Network;

/// <summary>Collects a data set in memory, up to a cap: for identifiers and other small data sets.</summary>
public sealed class DimseMemoryDataSink(int maximumLength) : IDimseDataSink
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public int MaximumLength { get; } = maximumLength;

    public bool IsComplete { get; private set; }

    /// <summary>The bytes received so far (all of them once <see cref="IsComplete"/>).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.WrittenMemory;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount + (long)fragment.Length > MaximumLength)
            throw new DicomNetworkProtocolException($"Data set exceeds the {MaximumLength} bytes accepted in memory", AbortReason.NotSpecified);
        _buffer.Write(fragment.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        IsComplete = true;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
