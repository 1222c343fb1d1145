using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>A validated C-FIND request as an <see cref="ICFindProvider"/> sees it.</summary>
/// <param name="Identifier">The request identifier: matching keys with values, return keys empty.</param>
public sealed record CFindRequest(QueryInformationModel Model, QueryRetrieveLevel Level, DicomDataset Identifier, DicomAssociationContext Association);
