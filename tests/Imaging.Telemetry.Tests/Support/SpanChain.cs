using System.Diagnostics;

namespace Imaging.Telemetry.Tests.Support;

/// <summary>The spans of one instance's journey, found by their relations rather than by timing: the C-STORE span (by SOP
/// Instance UID), its index commit, the InstanceStored publish continuing that trace, then the SeriesReady publish that
/// links to it, and below it MassTransit's consume, the analysis and the findings write.</summary>
public sealed record SpanChain(Activity Association, Activity CStore, Activity IndexCommit, Activity InstancePublish, Activity InstanceSend,
    Activity SeriesPublish, Activity Consume, IReadOnlyList<Activity> Analyses, IReadOnlyList<Activity> FindingsWrites, IReadOnlyList<Activity> All)
{
    /// <summary>The chain when every link of it has finished; otherwise null and <paramref name="missing"/> says what is not there yet.</summary>
    public static SpanChain? TryFind(IReadOnlyList<Activity> spans, TracedInstance instance, out string missing)
    {
        var byId = spans.GroupBy(s => (s.TraceId, s.SpanId)).ToDictionary(g => g.Key, g => g.First());
        var cstore = spans.FirstOrDefault(s => s.OperationName == "dicom.c-store ingest" && Tag(s, "dicom.sop_instance_uid") == instance.SopInstanceUid);
        if (cstore is null) return Missing(out missing, "the C-STORE span");
        var association = cstore.Links.Select(l => byId.GetValueOrDefault((l.Context.TraceId, l.Context.SpanId))).FirstOrDefault(a => a is not null);
        if (association is null) return Missing(out missing, "the association span linked from the C-STORE span");
        var index = spans.FirstOrDefault(s => s.OperationName == "index commit" && IsChild(s, cstore));
        if (index is null) return Missing(out missing, "the index commit span under the C-STORE span");
        var instancePublish = spans.FirstOrDefault(s => s.OperationName == "outbox publish" && IsChild(s, index));
        if (instancePublish is null) return Missing(out missing, "the InstanceStored outbox publish under the index commit");
        var instanceSend = spans.FirstOrDefault(s => s.Source.Name == "MassTransit" && IsChild(s, instancePublish));
        if (instanceSend is null) return Missing(out missing, "MassTransit's send span under the InstanceStored publish");
        var seriesPublish = spans.FirstOrDefault(s => s.OperationName == "outbox publish" && Tag(s, "messaging.message.type") == "SeriesReady"
            && s.Links.Any(l => l.Context.TraceId == cstore.TraceId));
        if (seriesPublish is null) return Missing(out missing, "a SeriesReady outbox publish linked to the instance's trace");
        var inSeries = spans.Where(s => s.TraceId == seriesPublish.TraceId).ToList();
        var analyses = inSeries.Where(s => s.OperationName == "analysis" && Tag(s, "dicom.series_instance_uid") == instance.SeriesInstanceUid).ToList();
        if (analyses.Count == 0) return Missing(out missing, "an analysis span in the SeriesReady trace");
        var writes = inSeries.Where(s => s.OperationName == "findings write" && Tag(s, "dicom.series_instance_uid") == instance.SeriesInstanceUid).ToList();
        if (writes.Count == 0) return Missing(out missing, "a findings write span in the SeriesReady trace");
        var consume = Ancestors(analyses[0], byId).FirstOrDefault(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer);
        if (consume is null) return Missing(out missing, "MassTransit's consume span above the analysis");
        missing = "";
        var all = spans.Where(s => s.TraceId == cstore.TraceId || s.TraceId == seriesPublish.TraceId || s == association).ToList();
        return new SpanChain(association, cstore, index, instancePublish, instanceSend, seriesPublish, consume, analyses, writes, all);
    }

    /// <summary>Parent, grandparent, ... of <paramref name="span"/>, as far as they were collected.</summary>
    public static IEnumerable<Activity> Ancestors(Activity span, IReadOnlyDictionary<(ActivityTraceId, ActivitySpanId), Activity> byId)
    {
        var current = span;
        while (current.ParentSpanId != default && byId.TryGetValue((current.TraceId, current.ParentSpanId), out var parent))
        {
            yield return parent;
            current = parent;
        }
    }

    /// <summary>Whether <paramref name="ancestor"/> is above <paramref name="span"/> in its trace.</summary>
    public bool IsBelow(Activity span, Activity ancestor)
    {
        var byId = All.GroupBy(s => (s.TraceId, s.SpanId)).ToDictionary(g => g.Key, g => g.First());
        return Ancestors(span, byId).Contains(ancestor);
    }

    public static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    private static bool IsChild(Activity child, Activity parent) => child.TraceId == parent.TraceId && child.ParentSpanId == parent.SpanId;

    private static SpanChain? Missing(out string missing, string what)
    {
        missing = what;
        return null;
    }
}
