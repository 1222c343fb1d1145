namespace Imaging.Dicom.Network;

/// <summary>The called AE answered the A-ASSOCIATE-RQ with an A-ASSOCIATE-RJ.</summary>
public sealed class DicomAssociationRejectedException(AssociateRejectPdu reject)
    : Exception($"Association rejected: {reject.Description}")
{
    public AssociateRejectPdu Reject { get; } = reject;
}
