using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Imaging.Dicom.Tests.Support;
using Imaging.Pipeline.Tests.Support;
using Imaging.Telemetry.Tests.Support;

namespace Imaging.Telemetry.Tests;

/// <summary>The instruments of issue 10 record what one stored and analysed instance did. Counts are process-wide (other
/// tests may add to them), so they are checked as "at least".</summary>
public sealed class MetricsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task One_instance_moves_the_association_c_store_analysis_and_outbox_instruments()
    {
        using var files = new TempFolder();
        var instance = TracedInstance.Write(files.Path);
        var recorded = new ConcurrentDictionary<string, ConcurrentBag<(double Value, string Tags)>>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name.StartsWith("Imaging.", StringComparison.Ordinal)) l.EnableMeasurementEvents(instrument);
            },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var text = string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
            recorded.GetOrAdd(instrument.Name, _ => []).Add((value, text));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        await using var serve = await InProcessServe.StartAsync();

        await instance.SendAsync(serve.DicomPort);
        await Eventually.UntilAsync(() =>
        {
            listener.RecordObservableInstruments();
            return recorded.ContainsKey("imaging.worker.analysis.duration") && recorded.ContainsKey("imaging.outbox.lag");
        }, Timeout, () => $"instruments recorded so far: {string.Join(", ", recorded.Keys.Order())}");

        Assert.Contains(recorded["imaging.dicom.server.associations.accepted"], m => m.Value >= 1);
        Assert.Contains(recorded["imaging.dicom.server.associations.active"], m => m.Value == 1);
        Assert.Contains(recorded["imaging.dicom.server.associations.active"], m => m.Value == -1);
        Assert.Contains(recorded["imaging.dicom.server.cstore.received"], m => m.Tags.Contains("success=True", StringComparison.Ordinal));
        Assert.Contains(recorded["imaging.dicom.server.cstore.bytes"], m => m.Value >= new FileInfo(instance.File).Length / 2);
        Assert.Contains(recorded["imaging.dicom.server.cstore.response_time"], m => m.Value > 0);
        Assert.Contains(recorded["imaging.worker.analysis.duration"], m => m.Tags.Contains("imaging.analyzer=", StringComparison.Ordinal)
            && m.Tags.Contains("outcome=ok", StringComparison.Ordinal));
        Assert.Contains(recorded["imaging.outbox.backlog"], m => m.Value >= 0);
        Assert.All(recorded["imaging.outbox.lag"], m => Assert.True(m.Value >= 0));
    }
}
