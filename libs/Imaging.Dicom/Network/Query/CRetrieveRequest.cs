using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>A validated C-MOVE or C-GET request as a retrieve provider sees it.</summary>
public sealed record CRetrieveRequest(QueryInformationModel Model, QueryRetrieveLevel Level, DicomDataset Identifier, DicomAssociationContext Association);
