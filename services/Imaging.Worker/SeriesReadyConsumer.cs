using Imaging.Contracts;
using MassTransit;

namespace Imaging.Worker;

/// <summary>Analyses a series when it becomes ready and announces each findings record it stored. Thin on purpose: the
/// work is in <see cref="SeriesAnalysisRunner"/>; exceptions reach MassTransit, which retries the message.</summary>
public sealed class SeriesReadyConsumer(SeriesAnalysisRunner runner) : IConsumer<SeriesReady>
{
    public Task Consume(ConsumeContext<SeriesReady> context) =>
        runner.RunAsync(context.Message, record => context.Publish(
            new FindingsProduced(record.StudyInstanceUid, record.SeriesInstanceUid, record.Analyzer, record.AnalyzerVersion, record.ReadyVersion, record.ProducedAt),
            context.CancellationToken), context.CancellationToken);
}
