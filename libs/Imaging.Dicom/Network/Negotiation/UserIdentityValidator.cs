namespace Imaging.Dicom.Network;

/// <summary>Decides whether the identity in an A-ASSOCIATE-RQ may use the service.</summary>
public delegate UserIdentityVerdict UserIdentityValidator(UserIdentityRequest identity);
