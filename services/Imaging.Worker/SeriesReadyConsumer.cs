using Imaging.Contracts;
using MassTransit;

namespace Imaging.Worker;

/// <summary>Analyses a series when it becomes ready and announces each findings record it stored; then, for an image series,
/// sends the SEG series that were waiting for it (<see cref="SegReplayFinder"/>) round again (through the store's outbox when
/// it can reopen series). Thin on purpose: the work is in
/// <see cref="SeriesAnalysisRunner"/>; exceptions reach MassTransit, which retries the message.</summary>
public sealed class SeriesReadyConsumer(SeriesAnalysisRunner runner, SegReplayFinder segReplays) : IConsumer<SeriesReady>
{
    public async Task Consume(ConsumeContext<SeriesReady> context)
    {
        await runner.RunAsync(context.Message, record => context.Publish(
            new FindingsProduced(record.StudyInstanceUid, record.SeriesInstanceUid, record.Analyzer, record.AnalyzerVersion, record.ReadyVersion, record.ProducedAt),
            context.CancellationToken), context.CancellationToken).ConfigureAwait(false);
        // After the run, so a failing analyzer (retried) does not replay twice. A store that reopens series puts the replays in
        // its outbox and nothing comes back to publish here; otherwise a redelivery's replays carry the same version.
        foreach (var replay in await segReplays.ReplayAsync(context.Message, context.CancellationToken).ConfigureAwait(false))
            await context.Publish(replay, context.CancellationToken).ConfigureAwait(false);
    }
}
