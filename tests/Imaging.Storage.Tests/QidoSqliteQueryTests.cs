using Imaging.Dicom.Tests.Support;

namespace Imaging.Storage.Tests;

/// <summary>The QIDO-RS query contract on a temporary SQLite file.</summary>
public sealed class QidoSqliteQueryTests : QidoQueryContractTests, IDisposable
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
