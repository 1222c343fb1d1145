using Imaging.Contracts;
using MassTransit;

namespace Imaging.Worker.Results;

/// <summary>Sends the DICOM results of findings to the configured destination AE. Thin on purpose: the work is in
/// <see cref="ResultsPublisher"/>; exceptions (network failures) reach MassTransit, which retries the message.</summary>
public sealed class FindingsResultsConsumer(ResultsPublisher publisher) : IConsumer<FindingsProduced>
{
    public Task Consume(ConsumeContext<FindingsProduced> context) => publisher.PublishAsync(context.Message, context.CancellationToken);
}
