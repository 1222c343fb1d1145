namespace Imaging.Dicom.Network;

/// <summary>Receives a DIMSE data set fragment by fragment as its PDVs arrive, so that a C-STORE can be written to
/// disk without ever holding the whole instance in memory.</summary>
/// <remarks>Disposed without <see cref="CompleteAsync"/> when the association fails mid-transfer: discard the partial data then.</remarks>
public interface IDimseDataSink : IAsyncDisposable
{
    /// <summary>Consumes one fragment. <paramref name="fragment"/> points into the receive buffer and is only valid
    /// until this call's task completes: write or copy it before returning.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken);

    /// <summary>The last fragment has been written.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
