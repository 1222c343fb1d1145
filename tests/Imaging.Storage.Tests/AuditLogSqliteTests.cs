using Imaging.Dicom.Tests.Support;

namespace Imaging.Storage.Tests;

/// <summary>The audit log contract on a SQLite file in a temporary folder.</summary>
public sealed class AuditLogSqliteTests : AuditLogContractTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<IImagingStore> OpenNewStoreAsync() =>
        Task.FromResult<IImagingStore>(new SqliteImagingStore(_folder.File($"{Guid.NewGuid():N}/index.db")));

    public void Dispose() => _folder.Dispose();
}
