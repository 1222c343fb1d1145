using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>Sends one DIMSE response (command, optional data set) on the presentation context of the request being served.</summary>
internal delegate ValueTask DimseResponder(DicomDataset command, DicomDataset? dataSet, CancellationToken cancellationToken);
