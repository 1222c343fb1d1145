using Imaging.Storage;

namespace Imaging.Gateway.Ingest;

/// <summary>DICOMweb's hook into ingest: precomputes an instance's metadata next to where its blob will be, before the
/// index commit.</summary>
public interface IInstanceMetadataSidecar
{
    /// <summary>Reads the received file at <paramref name="temporaryFilePath"/> (not yet moved into place) and writes its
    /// metadata durably for <paramref name="key"/>. May throw; ingest then carries on without it.</summary>
    Task WriteAsync(string temporaryFilePath, InstanceKey key, CancellationToken cancellationToken);
}
