namespace Imaging.Dicom.Network;

/// <summary>What the server knows about a connection and its own state that the A-ASSOCIATE-RQ does not say;
/// the caller fills it in before negotiating.</summary>
public sealed record AssociationAdmission
{
    public static AssociationAdmission Open { get; } = new();

    /// <summary>False when the calling AE title is only allowed from other hosts than the connection comes from.</summary>
    public bool CallingHostAllowed { get; init; } = true;

    /// <summary>The cap on concurrent associations is reached.</summary>
    public bool AtAssociationLimit { get; init; }

    /// <summary>Free storage is below the watermark: accepting data now would risk losing it.</summary>
    public bool StorageLow { get; init; }
}
