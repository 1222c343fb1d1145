using Imaging.Dicom.Data;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Hands out sinks and remembers them, so tests can see what was created and what was disposed.</summary>
internal sealed class RecordingSinkFactory(Func<IDimseDataSink>? create = null) : IDimseDataSinkFactory
{
    public List<TrackedSink> Sinks { get; } = [];

    public ValueTask<IDimseDataSink> CreateSinkAsync(AcceptedPresentationContext context, DicomDataset command, CancellationToken cancellationToken)
    {
        var sink = new TrackedSink(create?.Invoke() ?? new DimseMemoryDataSink(16 * 1024 * 1024));
        Sinks.Add(sink);
        return ValueTask.FromResult<IDimseDataSink>(sink);
    }

    public sealed class TrackedSink(IDimseDataSink inner) : IDimseDataSink
    {
        public IDimseDataSink Inner { get; } = inner;
        public int Writes { get; private set; }
        public bool Completed { get; private set; }
        public bool Disposed { get; private set; }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
        {
            Writes++;
            return Inner.WriteAsync(fragment, cancellationToken);
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            Completed = true;
            return Inner.CompleteAsync(cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return Inner.DisposeAsync();
        }
    }
}
