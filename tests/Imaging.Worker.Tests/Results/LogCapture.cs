using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Imaging.Worker.Tests.Results;

/// <summary>Collects log events so a test can wait for one (the results sender logs each outcome) instead of sleeping.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public Channel<CapturedLog> Events { get; } = Channel.CreateUnbounded<CapturedLog>();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>The next event with id <paramref name="eventId"/> (earlier other events are dropped).</summary>
    public async Task<CapturedLog> NextAsync(int eventId)
    {
        while (true)
        {
            var next = await WorkerHarness.NextAsync(Events.Reader, $"log event {eventId}");
            if (next.EventId == eventId) return next;
        }
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Events.Writer.TryWrite(new CapturedLog(category, logLevel, eventId.Id, formatter(state, exception)));
    }
}

/// <summary>One captured log event.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message);
