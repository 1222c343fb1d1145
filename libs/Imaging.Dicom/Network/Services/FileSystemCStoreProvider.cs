using System.Security.Cryptography;
using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>Keeps received instances as Part 10 files under a root folder, at paths derived from hashes of their
/// validated study, series and instance UIDs; success is answered only once the file is fsync'd and atomically in place.</summary>
public sealed class FileSystemCStoreProvider : ICStoreProvider
{
    private const string IncomingFolderName = ".incoming";

    /// <summary>The identifying UIDs all come before Study ID (0020,0010): reading stops there, so the bulk of an
    /// instance (pixel data) is never parsed on the way to disk.</summary>
    private static readonly DicomReaderOptions IdentificationOnly = new() { StopBeforeTag = DicomTags.StudyID };

    public FileSystemCStoreProvider(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        IncomingDirectory = Path.Combine(Root, IncomingFolderName);
        Directory.CreateDirectory(IncomingDirectory);
    }

    public string Root { get; }

    /// <summary>Raised with the full path of each instance once it is durably in place, before Success is answered.</summary>
    /// <remarks>Listeners (a query index) run on the association's task: keep them quick. A listener that throws
    /// does not undo the storage; the exception is swallowed so the sender still hears Success for a kept instance.</remarks>
    public event Action<string>? InstanceStored;

    /// <summary>Inside the root, so the final move is a rename on one file system.</summary>
    public string IncomingDirectory { get; }

    /// <summary>Where an instance with these (already validated) UIDs is kept. Raw tag text never reaches the path:
    /// each level is a hash, which also spreads files evenly across folders.</summary>
    public string GetInstancePath(string studyInstanceUid, string seriesInstanceUid, string sopInstanceUid) =>
        Path.Combine(Root, Hash(studyInstanceUid), Hash(seriesInstanceUid), Hash(sopInstanceUid) + ".dcm");

    public ValueTask<ushort> OnCStoreAsync(CStoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var status = Store(request, out var path);
        if (status == DimseStatus.Success && path is not null) Notify(path);
        return ValueTask.FromResult(status);
    }

    private void Notify(string path)
    {
        foreach (var listener in InstanceStored?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<string>)listener)(path);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The instance is kept whatever a listener does; see InstanceStored.
            }
        }
    }

    private ushort Store(CStoreRequest request, out string? path)
    {
        path = null;
        if (!DicomUidValidator.IsValid(request.SopClassUid) || !DicomUidValidator.IsValid(request.SopInstanceUid))
            return DimseStatus.CannotUnderstand;

        DicomDataset dataset;
        try
        {
            dataset = DicomFileReader.Read(request.TemporaryFilePath, IdentificationOnly).Dataset;
        }
        catch (DicomFormatException)
        {
            return DimseStatus.CannotUnderstand;
        }

        if (dataset.GetSingleString(DicomTag.SopClassUid) != request.SopClassUid
            || dataset.GetSingleString(DicomTag.SopInstanceUid) != request.SopInstanceUid)
            return DimseStatus.DataSetDoesNotMatchSopClass;
        var study = dataset.GetSingleString(DicomTags.StudyInstanceUID);
        var series = dataset.GetSingleString(DicomTags.SeriesInstanceUID);
        if (!DicomUidValidator.IsValid(study) || !DicomUidValidator.IsValid(series))
            return DimseStatus.CannotUnderstand;

        var destination = GetInstancePath(study!, series!, request.SopInstanceUid);
        try
        {
            if (!request.IsDataDurable) DurableFileSystem.SyncFile(request.TemporaryFilePath);
            var seriesDirectory = Path.GetDirectoryName(destination)!;
            var studyDirectory = Path.GetDirectoryName(seriesDirectory)!;
            var createdStudy = !Directory.Exists(studyDirectory);
            var createdSeries = !Directory.Exists(seriesDirectory);
            Directory.CreateDirectory(seriesDirectory);
            // A resent instance replaces the earlier copy in one step: rename(2) over an existing file is atomic.
            File.Move(request.TemporaryFilePath, destination, overwrite: true);
            DurableFileSystem.SyncDirectory(seriesDirectory);
            // New folders are themselves entries in their parents, which must reach the disk too.
            if (createdSeries) DurableFileSystem.SyncDirectory(studyDirectory);
            if (createdStudy) DurableFileSystem.SyncDirectory(Root);
        }
        catch (IOException)
        {
            return DimseStatus.OutOfResources;
        }
        catch (UnauthorizedAccessException)
        {
            return DimseStatus.OutOfResources;
        }
        path = destination;
        return DimseStatus.Success;
    }

    private static string Hash(string uid) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(uid)).AsSpan(0, 16));
}
