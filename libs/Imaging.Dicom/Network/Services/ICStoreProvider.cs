namespace Imaging.Dicom.Network;

/// <summary>Decides what happens to a received instance (PS3.4 Annex B storage SCP behaviour).</summary>
public interface ICStoreProvider
{
    /// <summary>Where the SCP streams incoming data sets: it must be on the same file system as the provider's final
    /// destination, so that keeping an instance is an atomic rename.</summary>
    string IncomingDirectory { get; }

    /// <returns>The C-STORE-RSP status: <see cref="DimseStatus.Success"/> only once the instance is durably kept;
    /// a warning (0xB000, 0x0107…) or a failure (0xA700, 0xA900, 0xC000…) otherwise.</returns>
    ValueTask<ushort> OnCStoreAsync(CStoreRequest request, CancellationToken cancellationToken);
}
