using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Imaging.Dicom.Network;

/// <summary>The server's measurements, published through <see cref="System.Diagnostics.Metrics"/> so a host can
/// export them (OpenTelemetry, dotnet-counters) or read them with a <see cref="MeterListener"/>.</summary>
/// <remarks>A histogram with no listener costs one enabled check per recording, so the SCP records unconditionally.</remarks>
public static class DicomServerMetrics
{
    /// <summary>The meter's name: subscribe to it to receive the instruments below.</summary>
    public const string MeterName = "Imaging.Dicom.Network.Server";

    /// <summary>Histogram, milliseconds: from the last PDV of a C-STORE request received to its response flushed to the
    /// socket; i.e. the SCP's own share of each C-STORE (provider, fsync, response), without the transfer.</summary>
    public const string CStoreResponseTimeName = "imaging.dicom.server.cstore.response_time";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>The server's activity source (same name as the meter): one <c>dicom.association</c> span per connection,
    /// tagged with AE titles only (never data set content).</summary>
    public static readonly ActivitySource ActivitySource = new(MeterName);

    internal static readonly UpDownCounter<long> AssociationsActive = Meter.CreateUpDownCounter<long>("imaging.dicom.server.associations.active",
        "{association}", "Associations accepted and not yet ended");

    internal static readonly Counter<long> AssociationsAccepted = Meter.CreateCounter<long>("imaging.dicom.server.associations.accepted",
        "{association}", "Associations accepted since start");

    internal static readonly Counter<long> AssociationsRejected = Meter.CreateCounter<long>("imaging.dicom.server.associations.rejected",
        "{association}", "A-ASSOCIATE-RQs rejected (allow-list, limit, no acceptable context), by reject reason");

    internal static readonly Counter<long> InstancesReceived = Meter.CreateCounter<long>("imaging.dicom.server.cstore.received",
        "{instance}", "C-STORE requests answered, by whether the status was Success");

    internal static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>("imaging.dicom.server.cstore.bytes",
        "By", "Data set bytes of C-STORE requests answered");

    internal static readonly Histogram<double> CStoreResponseTime = Meter.CreateHistogram<double>(CStoreResponseTimeName, "ms",
        "From the last PDV of a C-STORE request received to its response sent");
}
