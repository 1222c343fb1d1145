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

    internal static readonly Histogram<double> CStoreResponseTime = Meter.CreateHistogram<double>(CStoreResponseTimeName, "ms",
        "From the last PDV of a C-STORE request received to its response sent");
}
