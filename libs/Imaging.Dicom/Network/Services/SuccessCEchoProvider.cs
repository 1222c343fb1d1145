namespace Imaging.Dicom.Network;

/// <summary>The default C-ECHO provider: every verification succeeds.</summary>
public sealed class SuccessCEchoProvider : ICEchoProvider
{
    public static SuccessCEchoProvider Instance { get; } = new();

    public ValueTask<ushort> OnCEchoAsync(DicomAssociationContext association, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DimseStatus.Success);
}
