using Imaging.Analysis;
using Imaging.Storage;

namespace Imaging.Worker;

/// <summary>The file of an indexed instance in the blob store, as analyzers read it.</summary>
internal static class IndexedInstanceFile
{
    /// <summary>A blob key the store rejects becomes an unavailable file, which the metadata extractor reports as that
    /// instance's problem instead of failing the series.</summary>
    public static InstanceFile Locate(IBlobStore blobs, InstanceRecord instance)
    {
        try
        {
            return InstanceFile.FromPath(blobs.GetPath(instance.BlobKey), instance.SopInstanceUid);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The interface promises only "throws": whatever it throws concerns this one key.
            return InstanceFile.Unavailable(instance.SopInstanceUid, $"Blob key '{instance.BlobKey}' cannot be located: {ex.Message}");
        }
    }
}
