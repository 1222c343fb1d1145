namespace Imaging.Dicom.Network;

/// <summary>Whom a <see cref="DicomClient"/> calls, as whom, and how long it waits.</summary>
public sealed record DicomClientOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public required string CalledAETitle { get; init; }

    public string CallingAETitle { get; init; } = "IMAGING";

    /// <summary>The Maximum Length we announce: the longest P-DATA-TF we accept from the peer.</summary>
    public uint MaximumPduLength { get; init; } = 64 * 1024;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the A-ASSOCIATE-AC/RJ and for the A-RELEASE-RP (the ARTIM timer, PS3.8 9.1.5).</summary>
    public TimeSpan AssociationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for each DIMSE response.</summary>
    public TimeSpan DimseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wraps the connected TCP stream before the association request (DICOM TLS: see <see cref="DicomClientTls"/>);
    /// it owns the stream it is given and must finish within the association timeout.</summary>
    public Func<Stream, CancellationToken, ValueTask<Stream>>? ConnectionStream { get; init; }
}
