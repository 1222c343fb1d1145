using Imaging.Dicom.IO;
using Imaging.Storage;

namespace Imaging.Worker.Results;

/// <summary>Turns one analyzer's findings into the DICOM objects sent to the destination (one implementation per
/// analyzer: bone-scan now, spine later).</summary>
public interface IResultObjectsBuilder
{
    /// <summary>The analyzer name whose findings this builder reads (<see cref="FindingsRecord.Analyzer"/>).</summary>
    string Analyzer { get; }

    /// <summary>The series whose instances the objects are computed on: the findings' own series, unless the analysis measured
    /// another one (a SEG series' findings are measured on the images it segments).</summary>
    string SourceSeriesOf(FindingsRecord findings) => findings.SeriesInstanceUid;

    /// <summary>The objects for <paramref name="findings"/>, computed on <paramref name="sources"/> (the series' instances);
    /// empty when the findings give nothing to report. Building again from the same record must give the same SOP
    /// Instance UIDs (a redelivered message is then a duplicate at the destination, not a second report).</summary>
    /// <exception cref="ArgumentException">The findings cannot be reported on these sources (retrying will not help).</exception>
    ValueTask<IReadOnlyList<DicomFile>> BuildAsync(FindingsRecord findings, IReadOnlyList<DicomFile> sources, CancellationToken cancellationToken);
}
