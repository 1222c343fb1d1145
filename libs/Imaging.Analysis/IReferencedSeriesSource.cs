namespace Imaging.Analysis;

/// <summary>Finds an image series another series was derived from (e.g. the CT or MR a DICOM SEG segments), so an analyzer
/// that receives the derived series can measure on the images. The worker implements it over its index and blob store.</summary>
public interface IReferencedSeriesSource
{
    /// <summary>The stored series the request names, or failing that one of the same study in the same Frame of Reference;
    /// null when none is stored (yet).</summary>
    Task<SeriesInput?> FindAsync(ReferencedSeriesRequest request, CancellationToken cancellationToken);
}
