using System.Diagnostics;
using Imaging.Dicom.Tests.Support;
using Imaging.Pipeline.Tests.Support;
using Imaging.Storage;
using Imaging.Telemetry.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Imaging.Telemetry.Tests;

/// <summary>One instance sent by DCMTK's storescu to an in-process `imaging serve`: its spans form one chain from the
/// association to the findings write, and no span carries the patient's name or ID. Runs on the in-memory bus here and on
/// RabbitMQ in <see cref="RabbitMqSpanChainTests"/>.</summary>
public sealed class SpanChainTests
{
    [Fact]
    public async Task One_instance_is_traced_from_c_store_through_outbox_bus_and_analysis_to_the_findings_write_on_the_in_memory_bus()
    {
        await SpanChainScenario.RunAsync(rabbitMq: null);
    }
}

/// <summary>The same chain across RabbitMQ: the trace context travels in the message headers.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqSpanChainTests(RabbitMqNode node)
{
    [Fact]
    public async Task One_instance_is_traced_from_c_store_through_outbox_rabbitmq_and_analysis_to_the_findings_write()
    {
        await SpanChainScenario.RunAsync(node.Uri);
    }
}

internal static class SpanChainScenario
{
    private static readonly TimeSpan ChainTimeout = TimeSpan.FromSeconds(90);

    public static async Task RunAsync(Uri? rabbitMq)
    {
        using var files = new TempFolder();
        var instance = TracedInstance.Write(files.Path);
        using var collector = new SpanCollector();
        await using var serve = await InProcessServe.StartAsync(rabbitMq);

        await instance.SendAsync(serve.DicomPort);
        SpanChain? chain = null;
        var missing = "";
        await Eventually.UntilAsync(() => (chain = SpanChain.TryFind(collector.Spans, instance, out missing)) is not null, ChainTimeout,
            () => $"the span chain is incomplete: no {missing}. Spans: {Describe(collector.Spans)}");

        var findings = await serve.Services.GetRequiredService<IFindingsStore>().GetFindingsAsync(instance.SeriesInstanceUid, CancellationToken.None);
        Assert.NotEmpty(findings);

        // One trace per instance: the C-STORE span starts it and links to the association's own trace.
        var c = chain!;
        Assert.Equal(default, c.CStore.ParentSpanId);
        Assert.Equal("dicom.association", c.Association.OperationName);
        Assert.NotEqual(c.Association.TraceId, c.CStore.TraceId);
        Assert.Equal(instance.SopInstanceUid, SpanChain.Tag(c.CStore, "dicom.sop_instance_uid"));
        Assert.Equal(instance.SeriesInstanceUid, SpanChain.Tag(c.CStore, "dicom.series_instance_uid"));
        // Index commit -> outbox row -> relay publish (continued from the stored traceparent) -> MassTransit send.
        Assert.Equal(c.CStore.TraceId, c.IndexCommit.TraceId);
        Assert.Equal(c.IndexCommit.SpanId, c.InstancePublish.ParentSpanId);
        Assert.Equal(ActivityKind.Producer, c.InstancePublish.Kind);
        Assert.Equal(c.InstancePublish.SpanId, c.InstanceSend.ParentSpanId);
        // The series: its own trace, linked to the instance's, then consume -> analysis -> findings write beneath it.
        Assert.NotEqual(c.CStore.TraceId, c.SeriesPublish.TraceId);
        Assert.Contains(c.SeriesPublish.Links, l => l.Context.TraceId == c.CStore.TraceId && l.Context.SpanId == c.IndexCommit.SpanId);
        Assert.True(c.IsBelow(c.Consume, c.SeriesPublish), "the consume span is not below the SeriesReady publish");
        Assert.All(c.Analyses, a =>
        {
            Assert.True(c.IsBelow(a, c.Consume), "an analysis span is not below the consume span");
            Assert.False(string.IsNullOrEmpty(SpanChain.Tag(a, "imaging.analyzer")));
            Assert.False(string.IsNullOrEmpty(SpanChain.Tag(a, "imaging.analyzer.version")));
            Assert.True(a.Duration > TimeSpan.Zero);
        });
        Assert.All(c.FindingsWrites, w => Assert.True(c.IsBelow(w, c.Consume), "a findings write span is not below the consume span"));
        Assert.Contains(c.FindingsWrites, w => findings.Any(f => f.Analyzer == SpanChain.Tag(w, "imaging.analyzer")));

        // Later, the API request reading those findings links to the trace that wrote them (findings.traceparent).
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{serve.HttpPort}/api/series/{instance.SeriesInstanceUid}/findings"));
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        Activity? request = null;
        await Eventually.UntilAsync(() => (request = collector.Spans.FirstOrDefault(s => s.Source.Name == "Microsoft.AspNetCore"
                && s.Links.Any(l => c.FindingsWrites.Any(w => w.TraceId == l.Context.TraceId && w.SpanId == l.Context.SpanId)))) is not null,
            TimeSpan.FromSeconds(30), () => $"no API request span linked to a findings write. Spans: {Describe(collector.Spans)}");
        Assert.Equal(ActivityKind.Server, request!.Kind);
        Assert.NotEqual(c.SeriesPublish.TraceId, request.TraceId);

        AssertNoPatientData(c.All, instance);
        // And nothing else this process traced meanwhile holds them either.
        AssertNoPatientData(collector.Spans, instance);
    }

    private static void AssertNoPatientData(IEnumerable<Activity> spans, TracedInstance instance)
    {
        string[] secrets = [instance.PatientName, instance.PatientId, instance.PatientName.Split('^')[1]];
        foreach (var span in spans)
        {
            var texts = new List<string> { span.DisplayName, span.OperationName, span.StatusDescription ?? "" };
            texts.AddRange(span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            texts.AddRange(span.Baggage.Select(b => $"{b.Key}={b.Value}"));
            texts.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")));
            texts.AddRange(span.Links.SelectMany(l => l.Tags?.Select(t => $"link:{t.Key}={t.Value}") ?? []));
            foreach (var text in texts)
            {
                foreach (var secret in secrets)
                    Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"span {span.Source.Name}/{span.DisplayName} holds patient data: {text}");
            }
        }
    }

    private static string Describe(IReadOnlyList<Activity> spans) =>
        string.Join("; ", spans.Select(s => $"{s.Source.Name}/{s.DisplayName} [{s.Kind}] {s.TraceId}/{s.SpanId} parent {s.ParentSpanId}"));
}
