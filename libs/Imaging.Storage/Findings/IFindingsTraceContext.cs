namespace Imaging.Storage;

/// <summary>The traceparents kept with a series' findings (migration 0008): the spans that wrote them, for a reader (the
/// API) to link its own span to the analysis trace.</summary>
public interface IFindingsTraceContext
{
    /// <summary>One traceparent per findings record of the series that has one (at most <see cref="OutboxTraceContext.MaximumSeriesLinks"/>).</summary>
    Task<IReadOnlyList<string>> GetFindingsTraceParentsAsync(string seriesInstanceUid, CancellationToken cancellationToken);
}
