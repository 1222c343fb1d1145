using System.Diagnostics;

namespace Imaging.Storage;

/// <summary>The W3C traceparent the store writes beside an instance, outbox row or findings (migration 0008).</summary>
/// <remarks>Read from <see cref="Activity.Current"/> on the caller's flow, before any hop to the SQLite write queue's
/// thread (where the caller's activity is not current). Only well-formed W3C ids are kept, so a hierarchical id or a
/// foreign value never reaches the database.</remarks>
public static class OutboxTraceContext
{
    /// <summary>Length of a version-00 traceparent: <c>00-{32 hex}-{16 hex}-{2 hex}</c>.</summary>
    public const int TraceParentLength = 55;

    /// <summary>Most instance traces one SeriesReady links to (the newest ones): a span with thousands of links helps nobody.</summary>
    public const int MaximumSeriesLinks = 32;

    /// <summary>The current activity's traceparent, or null when there is none or it is not W3C.</summary>
    public static string? Current()
    {
        var activity = Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C) return null;
        var id = activity.Id;
        return id is { Length: TraceParentLength } ? id : null;
    }

    /// <summary>Parses a stored traceparent; false for null or anything malformed.</summary>
    public static bool TryParse(string? traceParent, out ActivityContext context)
    {
        context = default;
        return traceParent is { Length: TraceParentLength } && ActivityContext.TryParse(traceParent, null, out context);
    }

    /// <summary>The stored link list (space-separated traceparents) as contexts, malformed entries dropped.</summary>
    public static IReadOnlyList<ActivityContext> ParseLinks(string? links)
    {
        if (string.IsNullOrEmpty(links)) return [];
        var contexts = new List<ActivityContext>();
        foreach (var part in links.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (contexts.Count >= MaximumSeriesLinks) break;
            if (TryParse(part, out var context)) contexts.Add(context);
        }
        return contexts;
    }

    /// <summary>Links the current span (an API request reading findings) to the traces that wrote them; costs a query only
    /// when the current span is recorded, and never fails the caller.</summary>
    public static async Task LinkCurrentToFindingsAsync(object store, string seriesInstanceUid, CancellationToken cancellationToken)
    {
        if (Activity.Current is not { IsAllDataRequested: true } current || store is not IFindingsTraceContext findings) return;
        try
        {
            foreach (var parent in await findings.GetFindingsTraceParentsAsync(seriesInstanceUid, cancellationToken).ConfigureAwait(false))
            {
                if (TryParse(parent, out var context)) current.AddLink(new ActivityLink(context));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Telemetry only: the findings themselves are read (or fail) on their own.
        }
    }
}
