using Imaging.Dicom.Tests.Support;

namespace Imaging.Storage.Tests.ExportJobs;

/// <summary>The export job store contract on a SQLite file in a temporary folder.</summary>
public sealed class ExportJobStoreSqliteTests : ExportJobStoreContractTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<IImagingStore> OpenNewStoreAsync() =>
        Task.FromResult<IImagingStore>(new SqliteImagingStore(_folder.File($"{Guid.NewGuid():N}/index.db")));

    public void Dispose() => _folder.Dispose();
}
