namespace Imaging.Dicom.Network;

/// <summary>Error Comments (0000,0902) of C-MOVE and C-GET failures: what failed, in words the peer can act on, and
/// nothing of the exception (paths, hosts, stack traces), which goes to the log instead.</summary>
internal static class RetrieveComments
{
    public const string ResolveFailed = "could not resolve the instances";

    public const string SubOperationsFailed = "the sub-operations could not be performed";
}
