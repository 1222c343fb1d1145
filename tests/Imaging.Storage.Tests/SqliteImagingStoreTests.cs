using Imaging.Dicom.Tests.Support;
using Microsoft.Data.Sqlite;
using static Imaging.Storage.Tests.TestInstances;

namespace Imaging.Storage.Tests;

/// <summary>The store contract against SQLite files in a temporary folder, plus what only the embedded store promises.</summary>
public sealed class SqliteImagingStoreTests : ImagingStoreContractTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(_folder.File($"{Guid.NewGuid():N}/index.db"));

    protected override IImagingStore Open(string database) => new SqliteImagingStore(database);

    protected override Task<IReadOnlyList<int>> AppliedMigrationsAsync(IImagingStore store) =>
        ((SqliteImagingStore)store).GetAppliedMigrationsAsync(CancellationToken.None);

    [Fact]
    public async Task The_database_is_in_wal_mode_and_commits_are_fsynced()
    {
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1"), Quiet, CancellationToken.None);
        using var connection = new SqliteConnection($"Data Source={((SqliteImagingStore)Store).DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", command.ExecuteScalar());
        Assert.True(File.Exists(((SqliteImagingStore)Store).DatabasePath + "-wal"));
    }

    [Fact]
    public async Task A_disposed_store_refuses_work()
    {
        var store = Open(_folder.File("other.db"));
        await store.MigrateAsync(CancellationToken.None);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1"), Quiet, CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetCountsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_write_cancelled_before_it_starts_is_not_made()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1"), Quiet, cancelled.Token));

        Assert.Equal(0, (await Store.GetCountsAsync(CancellationToken.None)).Instances);
    }

    public void Dispose() => _folder.Dispose();
}
