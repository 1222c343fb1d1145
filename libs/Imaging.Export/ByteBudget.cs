namespace Imaging.Export;

/// <summary>A counting semaphore over bytes: an instance is read only once its bytes fit under the cap, and gives them
/// back once written. A request bigger than the whole cap waits for an empty budget and then runs alone.</summary>
internal sealed class ByteBudget(long capacity)
{
    private readonly object _gate = new();
    private readonly Queue<(long Bytes, TaskCompletionSource Waiter)> _waiters = new();
    private long _available = capacity;

    public long Capacity { get; } = capacity;

    /// <summary>Takes <paramref name="bytes"/> (clamped to the capacity), waiting in arrival order.</summary>
    public async ValueTask<long> AcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        bytes = Math.Clamp(bytes, 1, Capacity);
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_waiters.Count == 0 && _available >= bytes)
            {
                _available -= bytes;
                return bytes;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue((bytes, waiter));
        }
        // Cancellation abandons the whole export, so a cancelled waiter never needs its bytes back.
        await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    /// <summary>Gives back bytes an <see cref="AcquireAsync"/> returned.</summary>
    public void Release(long bytes)
    {
        List<TaskCompletionSource>? ready = null;
        lock (_gate)
        {
            _available += bytes;
            while (_waiters.TryPeek(out var next) && _available >= next.Bytes)
            {
                _waiters.Dequeue();
                _available -= next.Bytes;
                (ready ??= []).Add(next.Waiter);
            }
        }
        if (ready is not null) foreach (var waiter in ready) waiter.TrySetResult();
    }
}
