using Imaging.Dicom.Tests.Support;

namespace Imaging.Storage.Tests.Priors;

/// <summary>The prior bookkeeping contract on SQLite files in a temporary folder.</summary>
public sealed class SqlitePriorStoreTests : PriorStoreContractTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(_folder.File($"{Guid.NewGuid():N}/index.db"));

    protected override IImagingStore Open(string database) => new SqliteImagingStore(database);

    public void Dispose() => _folder.Dispose();
}
