namespace Imaging.Gateway.Pipeline;

/// <summary>An auto-reset wake-up for a polling loop: any number of <see cref="Set"/> calls between two waits wake the
/// next wait once. A <see cref="Set"/> is never lost: the loop resets before it looks for work, so work added after the
/// look is always followed by a set the next wait sees.</summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _signal = NewSignal();

    public void Set() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>Returns when set (true), after <paramref name="timeout"/> (false), or throws when cancelled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _signal);
        var woken = current.Task.IsCompleted;
        if (!woken && timeout > TimeSpan.Zero)
        {
            try
            {
                // WaitAsync drops its timer as soon as the signal comes; a Task.Delay would linger for the whole timeout.
                await current.Task.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false);
                woken = true;
            }
            catch (TimeoutException)
            {
                woken = false;
            }
        }
        if (woken) Interlocked.CompareExchange(ref _signal, NewSignal(), current);
        return woken;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
