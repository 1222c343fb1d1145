using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>The server's C-STORE response time reaches a <see cref="MeterListener"/>, one measurement per instance.</summary>
public class DicomServerMetricsTests
{
    [Fact]
    public async Task Each_cstore_records_its_response_time_in_milliseconds()
    {
        var measurements = new ConcurrentQueue<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DicomServerMetrics.MeterName && instrument.Name == DicomServerMetrics.CStoreResponseTimeName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => measurements.Enqueue(value));
        listener.Start();
        await using var server = new TestServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var files = NetworkTestFiles.SeveralTransferSyntaxes.Take(3).ToArray();

        var results = await server.CreateClient().StoreAsync(files, timeout.Token);

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error));
        // Other tests may store at the same time: at least ours are there, and every value is a plausible duration.
        Assert.True(measurements.Count >= files.Length, $"{measurements.Count} measurements");
        Assert.All(measurements, ms => Assert.InRange(ms, 0, 30_000));
    }
}
