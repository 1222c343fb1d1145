namespace Imaging.Dicom.Network;

/// <summary>Writes a data set to a stream (a temp file, for C-STORE) as its fragments arrive.</summary>
/// <remarks>Completion flushes the stream; durability (fsync, rename) stays with the caller, which knows the file.</remarks>
public sealed class DimseStreamDataSink(Stream destination, bool leaveOpen = false) : IDimseDataSink
{
    public long BytesWritten { get; private set; }

    public bool IsComplete { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(fragment, cancellationToken).ConfigureAwait(false);
        BytesWritten += fragment.Length;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        IsComplete = true;
    }

    public ValueTask DisposeAsync() => leaveOpen ? ValueTask.CompletedTask : destination.DisposeAsync();
}
