namespace Imaging.Dicom.Network;

/// <summary>Resolves the instances a C-MOVE names (PS3.4 C.4.2): the SCP sends each file to the move destination.</summary>
public interface ICMoveProvider
{
    /// <returns>The Part 10 files of the matching instances; empty when nothing matches.</returns>
    ValueTask<IReadOnlyList<string>> ResolveAsync(CRetrieveRequest request, CancellationToken cancellationToken);
}
