using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>Keeps response data sets (small by nature) in memory, up to a cap.</summary>
internal sealed class MemoryDataSinkFactory(int maximumLength) : IDimseDataSinkFactory
{
    public ValueTask<IDimseDataSink> CreateSinkAsync(AcceptedPresentationContext context, DicomDataset command, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IDimseDataSink>(new DimseMemoryDataSink(maximumLength));
}
