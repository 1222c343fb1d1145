namespace Imaging.Dicom.Network;

/// <summary>The result of negotiating an A-ASSOCIATE-RQ: either <see cref="AssociationAccepted"/> or <see cref="AssociationRejected"/>.</summary>
public abstract record AssociationNegotiationOutcome
{
    /// <summary>The PDU to send back.</summary>
    public abstract Pdu Response { get; }
}

/// <summary>Send <see cref="Response"/> and enter data transfer under <see cref="Association"/>.</summary>
public sealed record AssociationAccepted(AssociateAcceptPdu Accept, NegotiatedAssociation Association) : AssociationNegotiationOutcome
{
    public override Pdu Response => Accept;
}

/// <summary>Send <see cref="Response"/> and close the connection.</summary>
/// <param name="Explanation">Why, in words for the log; never sent to the peer.</param>
public sealed record AssociationRejected(AssociateRejectPdu Reject, string Explanation) : AssociationNegotiationOutcome
{
    public override Pdu Response => Reject;
}
