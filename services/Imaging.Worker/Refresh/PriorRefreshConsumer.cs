using Imaging.Contracts;
using MassTransit;

namespace Imaging.Worker.Refresh;

/// <summary>Runs <see cref="PriorRefresher"/> for each FindingsProduced; the reopened series' SeriesReady leave through the
/// outbox (the relay publishes them). Exceptions reach MassTransit, which retries the message.</summary>
public sealed class PriorRefreshConsumer(PriorRefresher refresher) : IConsumer<FindingsProduced>
{
    public Task Consume(ConsumeContext<FindingsProduced> context) => refresher.RefreshAsync(context.Message, context.CancellationToken);
}
