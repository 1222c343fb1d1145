namespace Imaging.Dicom.Network;

/// <summary>The User Information item of an A-ASSOCIATE-RQ or -AC (PS3.8 9.3.2.3, Annex D; PS3.7 Annex D).
/// Absent single-valued sub-items are null; sub-item types this toolkit does not know are skipped on read.</summary>
public sealed record UserInformation
{
    /// <summary>The longest P-DATA-TF PDU (its PDU-length field) the sender can receive; 0 means no limit.</summary>
    public uint? MaximumLength { get; init; }

    public string? ImplementationClassUid { get; init; }

    public string? ImplementationVersionName { get; init; }

    public AsynchronousOperationsWindow? AsynchronousOperationsWindow { get; init; }

    public IReadOnlyList<RoleSelection> RoleSelections { get; init; } = [];

    public IReadOnlyList<SopClassExtendedNegotiation> ExtendedNegotiations { get; init; } = [];

    /// <summary>Request only (PS3.7 D.3.3.6 defines no answer).</summary>
    public IReadOnlyList<SopClassCommonExtendedNegotiation> CommonExtendedNegotiations { get; init; } = [];

    /// <summary>Request only.</summary>
    public UserIdentityRequest? UserIdentityRequest { get; init; }

    /// <summary>Accept only.</summary>
    public UserIdentityResponse? UserIdentityResponse { get; init; }

    /// <summary>The items every association PDU from this toolkit carries: maximum length and implementation identification.</summary>
    public static UserInformation ForThisImplementation(uint maximumLength) => new()
    {
        MaximumLength = maximumLength,
        ImplementationClassUid = DicomImplementation.ClassUid,
        ImplementationVersionName = DicomImplementation.VersionName,
    };
}
