using Imaging.Contracts;
using MassTransit;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>A publish filter that holds every publish until <see cref="Release"/> and records how many were in flight at
/// once, overall and per series, as a broker slow to confirm would.</summary>
public sealed class InFlightMonitor : IFilter<PublishContext>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _seriesInFlight = new(StringComparer.Ordinal);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    public int MaximumInFlight { get; private set; }

    public int MaximumSameSeriesInFlight { get; private set; }

    public int Entered { get; private set; }

    /// <summary>Lets every publish waiting now (and later ones) complete.</summary>
    public void Release() => _release.TrySetResult();

    public async Task Send(PublishContext context, IPipe<PublishContext> next)
    {
        var series = (context as PublishContext<SeriesReady>)?.Message.SeriesInstanceUid;
        Task release;
        lock (_gate)
        {
            Entered++;
            _inFlight++;
            MaximumInFlight = Math.Max(MaximumInFlight, _inFlight);
            if (series is not null)
            {
                var count = _seriesInFlight.GetValueOrDefault(series) + 1;
                _seriesInFlight[series] = count;
                MaximumSameSeriesInFlight = Math.Max(MaximumSameSeriesInFlight, count);
            }
            release = _release.Task;
        }
        try
        {
            await release;
            await next.Send(context);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
                if (series is not null) _seriesInFlight[series]--;
            }
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("inFlightMonitor");
}
