using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Reporting.Spine;

/// <summary>What one spine findings record becomes: the TID 1500 report, the sagittal key image and the key object
/// selection that flags both and the slices through the flagged levels.</summary>
public sealed record SpineReportSet(DicomDataset Report, DicomDataset KeyImage, DicomDataset KeyObjects)
{
    /// <summary>Writes the three objects as Part 10 files into <paramref name="directory"/> (named by SOP Instance UID)
    /// and returns their paths: report, key image, key objects.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var report = Path.Combine(directory, $"sr-{Report.GetSingleString(DicomTag.SopInstanceUid)}.dcm");
        var keyImage = Path.Combine(directory, $"sc-{KeyImage.GetSingleString(DicomTag.SopInstanceUid)}.dcm");
        var keyObjects = Path.Combine(directory, $"ko-{KeyObjects.GetSingleString(DicomTag.SopInstanceUid)}.dcm");
        await Part10Output.WriteAsync(report, MeasurementReportWriter.ToFile(Report), cancellationToken).ConfigureAwait(false);
        await Part10Output.WriteAsync(keyImage, KeyImageWriter.ToFile(KeyImage), cancellationToken).ConfigureAwait(false);
        await Part10Output.WriteAsync(keyObjects, KeyObjectSelectionWriter.ToFile(KeyObjects), cancellationToken).ConfigureAwait(false);
        return [report, keyImage, keyObjects];
    }
}
