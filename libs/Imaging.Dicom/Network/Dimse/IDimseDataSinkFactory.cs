using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>Chooses where an incoming data set goes, once its command has been read (a temp file for C-STORE,
/// memory for a C-FIND identifier).</summary>
public interface IDimseDataSinkFactory
{
    /// <summary>Called when a command announcing a data set has arrived, before any of the data set.</summary>
    ValueTask<IDimseDataSink> CreateSinkAsync(AcceptedPresentationContext context, DicomDataset command, CancellationToken cancellationToken);
}
