using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>Keeps every log line (level, event id, text) for assertions.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId Event, string Text)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception) + (exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message}]")));

    public bool Contains(int eventId) => Entries.Any(e => e.Event.Id == eventId);

    public override string ToString() => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Event.Id}: {e.Text}"));
}
