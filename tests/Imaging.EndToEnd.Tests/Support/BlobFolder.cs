using Imaging.Storage;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>Counts what the gateway kept on disk: the blob files of one series under the data folder (the blob store's
/// own layout, hash(study)/hash(series)/hash(sop).dcm).</summary>
public static class BlobFolder
{
    public static int CountSeriesFiles(string dataDirectory, string studyInstanceUid, string seriesInstanceUid)
    {
        // Any valid SOP Instance UID gives the series' folder.
        var key = FileSystemBlobStore.GetKey(new InstanceKey(studyInstanceUid, seriesInstanceUid, "1.2"));
        var folder = Path.Combine(dataDirectory, Path.GetDirectoryName(key)!);
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.dcm").Count() : 0;
    }
}
