namespace Imaging.Storage.Sqlite;

/// <summary>SQLite has no timestamp type: instants are kept as microseconds since 1970 UTC, an integer that sorts and
/// compares like the instant, with the same precision PostgreSQL keeps (so both stores round-trip alike).</summary>
internal static class UnixMicroseconds
{
    public static long From(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static long From(TimeSpan duration) => duration.Ticks / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset ToInstant(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + microseconds * TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
}
