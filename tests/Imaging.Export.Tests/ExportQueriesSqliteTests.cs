using Imaging.Dicom.Tests.Support;
using Imaging.Storage;

namespace Imaging.Export.Tests;

/// <summary>The export's cohort queries on a SQLite file in a temporary folder.</summary>
public sealed class ExportQueriesSqliteTests : ExportQueriesContractTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override async Task<IImagingStore> OpenMigratedAsync()
    {
        var store = new SqliteImagingStore(_folder.File("index.db"));
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public void Dispose() => _folder.Dispose();
}
