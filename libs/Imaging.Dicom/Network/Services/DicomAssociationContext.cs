using System.Net;

namespace Imaging.Dicom.Network;

/// <summary>Who is on the other end of an association, for the service providers to decide and log by.</summary>
public sealed record DicomAssociationContext(NegotiatedAssociation Association, EndPoint? RemoteEndPoint)
{
    public string CallingAETitle => Association.CallingAETitle;

    public string CalledAETitle => Association.CalledAETitle;
}
