using Imaging.Gateway.Pipeline;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>An <see cref="IOutboxNotifier"/> that counts how often it was woken.</summary>
public sealed class CountingNotifier : IOutboxNotifier
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Notify() => Interlocked.Increment(ref _count);
}
