namespace Imaging.Dicom.Network;

/// <summary>The Result field of an A-ASSOCIATE-RJ PDU (PS3.8 9.3.4).</summary>
public enum AssociateRejectResult : byte
{
    /// <summary>Trying again will not help (wrong AE title, unsupported context).</summary>
    Permanent = 1,
    /// <summary>The peer may try again later (busy, out of disk).</summary>
    Transient = 2,
}
