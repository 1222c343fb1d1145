using Imaging.Contracts;
using Imaging.Storage;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Imaging.Gateway.Priors;

/// <summary>Starts the look-up of a patient's priors when a study arrives: on the first SeriesReady (version 1) of any of its
/// series, a look-up row is inserted for the study. The insert is idempotent per study, so the other series of the study, a
/// redelivery, or another gateway consuming the same queue add nothing; priors that were themselves retrieved start none.</summary>
/// <remarks>SeriesReady rather than the first instance: the study's Patient ID and date are indexed by then, the sender has
/// finished (no look-up while a modality is still sending), and the message reaches exactly one gateway through the shared queue.</remarks>
public sealed class PriorsTriggerConsumer(IPriorFetchStore store, PriorsService service, TimeProvider time, ILogger<PriorsTriggerConsumer> logger)
    : IConsumer<SeriesReady>
{
    public async Task Consume(ConsumeContext<SeriesReady> context)
    {
        var ready = context.Message;
        if (ready.ReadyVersion != 1 || string.IsNullOrEmpty(ready.StudyInstanceUid)) return;
        if (await store.RequestPriorQueryAsync(ready.StudyInstanceUid, time.GetUtcNow(), context.CancellationToken).ConfigureAwait(false))
        {
            PriorsLog.Requested(logger, ready.StudyInstanceUid);
            service.Notify();
        }
    }
}
