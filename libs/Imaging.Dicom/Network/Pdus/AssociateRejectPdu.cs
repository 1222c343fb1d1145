namespace Imaging.Dicom.Network;

/// <summary>A-ASSOCIATE-RJ: the acceptor refuses the association (PS3.8 9.3.4).</summary>
/// <param name="Reason">The Reason/Diag. code; its meaning depends on <paramref name="Source"/>, so it stays a number and
/// the named factories below are the way to build one.</param>
public sealed record AssociateRejectPdu(AssociateRejectResult Result, AssociateRejectSource Source, byte Reason) : Pdu
{
    public override PduType Type => PduType.AssociateReject;

    public static AssociateRejectPdu NoReasonGiven(AssociateRejectResult result = AssociateRejectResult.Permanent) =>
        new(result, AssociateRejectSource.ServiceUser, 1);

    public static AssociateRejectPdu ApplicationContextNameNotSupported { get; } =
        new(AssociateRejectResult.Permanent, AssociateRejectSource.ServiceUser, 2);

    public static AssociateRejectPdu CallingAETitleNotRecognized { get; } =
        new(AssociateRejectResult.Permanent, AssociateRejectSource.ServiceUser, 3);

    public static AssociateRejectPdu CalledAETitleNotRecognized { get; } =
        new(AssociateRejectResult.Permanent, AssociateRejectSource.ServiceUser, 7);

    public static AssociateRejectPdu ProtocolVersionNotSupported { get; } =
        new(AssociateRejectResult.Permanent, AssociateRejectSource.ServiceProviderAcse, 2);

    public static AssociateRejectPdu TemporaryCongestion { get; } =
        new(AssociateRejectResult.Transient, AssociateRejectSource.ServiceProviderPresentation, 1);

    public static AssociateRejectPdu LocalLimitExceeded { get; } =
        new(AssociateRejectResult.Transient, AssociateRejectSource.ServiceProviderPresentation, 2);

    /// <summary>The reason in the standard's words, for logs and error messages.</summary>
    public string Description => (Source, Reason) switch
    {
        (AssociateRejectSource.ServiceUser, 1) => "no reason given",
        (AssociateRejectSource.ServiceUser, 2) => "application context name not supported",
        (AssociateRejectSource.ServiceUser, 3) => "calling AE title not recognized",
        (AssociateRejectSource.ServiceUser, 7) => "called AE title not recognized",
        (AssociateRejectSource.ServiceProviderAcse, 1) => "no reason given (ACSE)",
        (AssociateRejectSource.ServiceProviderAcse, 2) => "protocol version not supported",
        (AssociateRejectSource.ServiceProviderPresentation, 1) => "temporary congestion",
        (AssociateRejectSource.ServiceProviderPresentation, 2) => "local limit exceeded",
        _ => $"reason {Reason} from source {(byte)Source}",
    } + (Result == AssociateRejectResult.Transient ? " (transient)" : " (permanent)");
}
