namespace Imaging.Dicom.Network;

/// <summary>Performs C-ECHO (verification, PS3.4 Annex A) for the SCP.</summary>
public interface ICEchoProvider
{
    /// <returns>The status to answer with (normally <see cref="DimseStatus.Success"/>).</returns>
    ValueTask<ushort> OnCEchoAsync(DicomAssociationContext association, CancellationToken cancellationToken);
}
