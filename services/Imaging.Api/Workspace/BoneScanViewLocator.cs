using Imaging.Analysis.BoneScan;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Storage;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.Workspace;

/// <summary>Finds which instance and frame of a stored whole-body series is the anterior and which the posterior view,
/// by the same rule the analysis used (<see cref="BoneScanViewResolver"/>), so that lesion marks land on the frame they
/// were found on. Reads the headers only; pixel data stays on disk.</summary>
internal sealed partial class BoneScanViewLocator(IPatientQueries queries, IBlobStore? blobs, ILogger<BoneScanViewLocator> logger)
{
    /// <summary>A whole-body series has one instance with two frames or two single-frame instances; more is not one.</summary>
    private const int MaximumInstances = 4;

    /// <summary>Most frames looked at per instance: a whole-body instance has two.</summary>
    private const int MaximumFrames = 16;

    public async Task<BoneScanViews> LocateAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        var instances = await queries.GetSeriesInstancesAsync(seriesInstanceUid, MaximumInstances, cancellationToken).ConfigureAwait(false);
        if (instances.Count == 0) return BoneScanViews.Unknown;
        // Without the files (API-only node without the data folder) the usual layout is the best guess: frame 1 anterior.
        var guess = instances.Count == 1
            ? new BoneScanViews(instances[0].SopInstanceUid, 1, instances[0].SopInstanceUid, 2, null, null)
            : new BoneScanViews(instances[0].SopInstanceUid, 1, instances[1].SopInstanceUid, 1, null, null);
        if (blobs is null) return guess;
        try
        {
            return await Task.Run(() => Read(instances, blobs, cancellationToken), cancellationToken).ConfigureAwait(false) ?? guess;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DicomFormatException or DicomValueException or PixelDataException or ArgumentException
            or InvalidOperationException)
        {
            CannotRead(logger, seriesInstanceUid, ex.Message);
            return guess;
        }
    }

    private static BoneScanViews? Read(IReadOnlyList<StoredInstance> instances, IBlobStore blobs, CancellationToken cancellationToken)
    {
        (string Sop, int Frame)? anterior = null, posterior = null;
        var unlabelled = new List<(string Sop, int Frame)>();
        int? columns = null, rows = null;
        foreach (var instance in instances)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = DicomFileReader.Read(blobs.GetPath(instance.BlobKey));
            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
            if (pixels.Description.SamplesPerPixel != 1) continue;
            columns ??= pixels.Description.Columns;
            rows ??= pixels.Description.Rows;
            var instanceView = BoneScanViewResolver.InstanceView(file.Dataset, file.Dataset.GetSingleString(DicomTags.SeriesDescription));
            for (var frame = 0; frame < Math.Min(pixels.FrameCount, MaximumFrames); frame++)
            {
                var view = BoneScanViewResolver.FrameView(pixels.GetFrameMetadata(frame)) ?? (pixels.FrameCount == 1 ? instanceView : null);
                var at = (instance.SopInstanceUid, frame + 1);
                if (view == BoneScanView.Anterior && anterior is null) anterior = at;
                else if (view == BoneScanView.Posterior && posterior is null) posterior = at;
                else if (view is null) unlabelled.Add(at);
            }
        }
        // As the loader does: unlabelled views fill anterior first, then posterior.
        foreach (var at in unlabelled)
        {
            if (anterior is null) anterior = at;
            else if (posterior is null) posterior = at;
        }
        if (anterior is null && posterior is null) return null;
        return new BoneScanViews(anterior?.Sop, anterior?.Frame, posterior?.Sop, posterior?.Frame, columns, rows);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Series {SeriesInstanceUid}: the views of the whole-body instances cannot be read, frame 1 assumed anterior: {Reason}")]
    private static partial void CannotRead(ILogger logger, string seriesInstanceUid, string reason);
}
