namespace Imaging.Gateway.Pipeline;

/// <summary>Passes a stream of wake-ups on at most once per interval: the first one at once, the ones that follow within
/// the interval as a single call at its end. None is lost: a wake-up always reaches the target at or after the moment it
/// was given, and at most one interval later.</summary>
/// <remarks>Ingest wakes the outbox relay and the series assembler after every instance. At hundreds of instances a second
/// each wake-up would start a round of its own (claim, publish one message, delete it; look at the deadlines), costing more
/// CPU than the instance itself on a small machine. Gathered into one round per interval, a round handles every row
/// committed meanwhile. The price is at most one interval of delay for an InstanceStored message; SeriesReady does not
/// pass through here (the assembler wakes the relay directly).</remarks>
public sealed class CoalescingNotifier : IOutboxNotifier, IDisposable
{
    private readonly Action _target;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _lastForwarded = long.MinValue;
    private bool _pending;

    public CoalescingNotifier(Action target, TimeSpan interval, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        _target = target;
        _interval = interval;
        _time = timeProvider ?? TimeProvider.System;
        _timer = _time.CreateTimer(static state => ((CoalescingNotifier)state!).Elapsed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Notify()
    {
        lock (_gate)
        {
            // One call is already due at the end of the interval: it covers this wake-up too.
            if (_pending) return;
            var now = _time.GetTimestamp();
            var since = _lastForwarded == long.MinValue ? TimeSpan.MaxValue : _time.GetElapsedTime(_lastForwarded, now);
            if (since < _interval)
            {
                _pending = true;
                _timer.Change(_interval - since, Timeout.InfiniteTimeSpan);
                return;
            }
            _lastForwarded = now;
        }
        _target();
    }

    private void Elapsed()
    {
        lock (_gate)
        {
            if (!_pending) return;
            _pending = false;
            _lastForwarded = _time.GetTimestamp();
        }
        _target();
    }

    public void Dispose() => _timer.Dispose();
}
