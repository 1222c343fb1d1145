namespace Imaging.Dicom.Network;

/// <summary>Resolves the instances a C-GET names (PS3.4 C.4.3): the SCP sends each file back on the same association.</summary>
public interface ICGetProvider
{
    /// <returns>The Part 10 files of the matching instances; empty when nothing matches.</returns>
    ValueTask<IReadOnlyList<string>> ResolveAsync(CRetrieveRequest request, CancellationToken cancellationToken);
}
