using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>A complete DIMSE message: its command and, when the command announced one, the sink its data set went to.</summary>
/// <param name="DataSet">Null when the command has no data set; otherwise completed, and now owned by the receiver of this message.</param>
public sealed record DimseMessage(AcceptedPresentationContext PresentationContext, DicomDataset Command, IDimseDataSink? DataSet);
