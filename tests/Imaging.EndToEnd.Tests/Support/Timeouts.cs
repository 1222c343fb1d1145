namespace Imaging.EndToEnd.Tests.Support;

/// <summary>The waits of this suite in one place, sized for a busy two-core machine.</summary>
public static class Timeouts
{
    /// <summary>The quiet timeout the processes run with: short, so a test waits little for a series to be ready.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    /// <summary>From the last instance sent to findings in the API: the quiet timeout plus "a few seconds" for the relay,
    /// the broker, the worker reading the headers and the API.</summary>
    public static TimeSpan Findings(TimeSpan quiet) => quiet + TimeSpan.FromSeconds(10);

    /// <summary>A `dotnet imaging.dll serve` process starting (JIT, migrations, bus) while others start beside it.</summary>
    public static readonly TimeSpan ProcessStart = TimeSpan.FromSeconds(60);

    /// <summary>A clean stop: SIGTERM to exit (hosted services stop, the bus disconnects).</summary>
    public static readonly TimeSpan ProcessStop = TimeSpan.FromSeconds(45);

    /// <summary>Recovery after an outage: reconnects, backoffs (the outbox relay's reaches 5 s), redeliveries.</summary>
    public static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);
}
