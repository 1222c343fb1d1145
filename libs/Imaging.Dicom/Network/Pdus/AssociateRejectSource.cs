namespace Imaging.Dicom.Network;

/// <summary>The Source field of an A-ASSOCIATE-RJ PDU (PS3.8 9.3.4); it decides how the reason is read.</summary>
public enum AssociateRejectSource : byte
{
    ServiceUser = 1,
    /// <summary>DICOM UL service provider, ACSE related function.</summary>
    ServiceProviderAcse = 2,
    /// <summary>DICOM UL service provider, presentation related function.</summary>
    ServiceProviderPresentation = 3,
}
