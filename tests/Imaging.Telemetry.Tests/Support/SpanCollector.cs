using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Imaging.Telemetry.Tests.Support;

/// <summary>Every finished span of our sources and MassTransit's in this test process, through OpenTelemetry's in-memory
/// exporter. Spans finish on many threads at once, so the exporter writes into a locked list rather than a plain one.</summary>
public sealed class SpanCollector : IDisposable
{
    private readonly LockedActivityList _spans = new();
    private readonly TracerProvider _provider;

    public SpanCollector()
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddSource("Imaging.*")
            .AddSource("MassTransit")
            .AddSource("Microsoft.AspNetCore")
            .AddInMemoryExporter(_spans)
            .Build()!;
    }

    /// <summary>A copy of what has finished so far.</summary>
    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    public void Dispose() => _provider.Dispose();

    private sealed class LockedActivityList : ICollection<Activity>
    {
        private readonly List<Activity> _items = [];

        public int Count
        {
            get { lock (_items) return _items.Count; }
        }

        public bool IsReadOnly => false;

        public List<Activity> Snapshot()
        {
            lock (_items) return [.. _items];
        }

        public void Add(Activity item)
        {
            lock (_items) _items.Add(item);
        }

        public void Clear()
        {
            lock (_items) _items.Clear();
        }

        public bool Contains(Activity item)
        {
            lock (_items) return _items.Contains(item);
        }

        public void CopyTo(Activity[] array, int arrayIndex)
        {
            lock (_items) _items.CopyTo(array, arrayIndex);
        }

        public bool Remove(Activity item)
        {
            lock (_items) return _items.Remove(item);
        }

        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
