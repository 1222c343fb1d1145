using System.Collections.Concurrent;
using MassTransit;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>Records every message the bus finished publishing, in order, with its message id.</summary>
public sealed class PublishRecorder : IPublishObserver
{
    public ConcurrentQueue<(object Message, Guid? MessageId)> Published { get; } = new();

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        Published.Enqueue((context.Message, context.MessageId));
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
