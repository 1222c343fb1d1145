using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Storage.Tests;

/// <summary>The blob store: hash-derived paths, UID and key validation, atomic replacement, durable directories.</summary>
public sealed class FileSystemBlobStoreTests : IDisposable
{
    private static readonly InstanceKey Key = new("1.2.840.1", "1.2.840.1.2", "1.2.840.1.2.3");
    private readonly TempFolder _folder = new();

    private string Incoming(FileSystemBlobStore store, string content)
    {
        var path = Path.Combine(store.IncomingDirectory, $"{Guid.NewGuid():N}.part");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task A_blob_lands_where_the_cstore_provider_would_have_put_it()
    {
        var store = new FileSystemBlobStore(_folder.Path);
        var provider = new FileSystemCStoreProvider(_folder.Path);

        var key = await store.PutAsync(Incoming(store, "x"), Key, CancellationToken.None);

        Assert.Matches("^[0-9a-f]{32}/[0-9a-f]{32}/[0-9a-f]{32}\\.dcm$", key);
        Assert.Equal(provider.GetInstancePath(Key.StudyInstanceUid, Key.SeriesInstanceUid, Key.SopInstanceUid), store.GetPath(key));
        Assert.Equal(provider.IncomingDirectory, store.IncomingDirectory);
        Assert.Equal(key, FileSystemBlobStore.GetKey(Key));
    }

    [Fact]
    public async Task Putting_moves_the_temporary_file_into_place_and_reads_back()
    {
        var store = new FileSystemBlobStore(_folder.File("fresh/root"));
        var temporary = Incoming(store, "first copy");

        var key = await store.PutAsync(temporary, Key, CancellationToken.None);

        Assert.False(File.Exists(temporary));
        Assert.Empty(Directory.GetFiles(store.IncomingDirectory));
        using var reader = new StreamReader(store.OpenRead(key));
        Assert.Equal("first copy", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Putting_the_same_instance_again_replaces_the_earlier_copy()
    {
        var store = new FileSystemBlobStore(_folder.Path);
        await store.PutAsync(Incoming(store, "first copy"), Key, CancellationToken.None);

        var key = await store.PutAsync(Incoming(store, "second copy"), Key, CancellationToken.None);

        Assert.Equal("second copy", await File.ReadAllTextAsync(store.GetPath(key)));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(store.GetPath(key))!));
    }

    [Fact]
    public async Task A_store_reopened_on_existing_folders_keeps_adding_to_them()
    {
        var first = new FileSystemBlobStore(_folder.Path);
        var one = await first.PutAsync(Incoming(first, "1"), Key, CancellationToken.None);

        var second = new FileSystemBlobStore(_folder.Path);
        var two = await second.PutAsync(Incoming(second, "2"), Key with { SopInstanceUid = "1.2.840.1.2.4" }, CancellationToken.None);

        Assert.Equal(Path.GetDirectoryName(second.GetPath(one)), Path.GetDirectoryName(second.GetPath(two)));
        Assert.Equal("1", await File.ReadAllTextAsync(second.GetPath(one)));
    }

    [Fact]
    public async Task A_file_the_caller_already_synced_is_renamed_into_place_before_the_put_completes()
    {
        var store = new FileSystemBlobStore(_folder.Path);
        var temporary = Incoming(store, "synced by the sink");

        var put = store.PutAsync(temporary, Key, dataIsDurable: true, CancellationToken.None);

        // In place as soon as the call returns; the task only waits for the folder's fsync.
        Assert.False(File.Exists(temporary));
        Assert.True(File.Exists(store.GetPath(FileSystemBlobStore.GetKey(Key))));
        Assert.Equal(((IBlobStore)store).GetKey(Key), await put);
        Assert.Equal("synced by the sink", await File.ReadAllTextAsync(store.GetPath(await put)));
    }

    [Fact]
    public async Task A_missing_temporary_file_fails_before_anything_is_created()
    {
        var store = new FileSystemBlobStore(_folder.Path);

        await Assert.ThrowsAsync<FileNotFoundException>(async () =>
            await store.PutAsync(Path.Combine(store.IncomingDirectory, "missing.part"), Key, CancellationToken.None));

        Assert.Equal([store.IncomingDirectory], Directory.GetDirectories(store.Root));
    }

    [Theory]
    [InlineData("", "1.2", "1.2.3")]
    [InlineData("1.2", "1.2.a", "1.2.3")]
    [InlineData("1.2", "1.2", "../../etc/passwd")]
    [InlineData("1.2", "1..2", "1.2.3")]
    [InlineData("1.2.", "1.2", "1.2.3")]
    [InlineData("1.2", "1.2", "1.2.3 ")]
    [InlineData("1.2", "1.2", "1.22222222222222222222222222222222222222222222222222222222222222222")]
    public async Task Invalid_uids_are_refused_and_the_temporary_file_stays(string study, string series, string sop)
    {
        var store = new FileSystemBlobStore(_folder.Path);
        var temporary = Incoming(store, "x");

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.PutAsync(temporary, new InstanceKey(study, series, sop), CancellationToken.None));

        Assert.True(File.Exists(temporary));
        Assert.Equal([store.IncomingDirectory], Directory.GetDirectories(store.Root));
    }

    public static TheoryData<string> BadKeys()
    {
        var hash = new string('a', 32);
        return
        [
            "",
            $"{hash}/{hash}/{hash}",
            $"{hash}/{hash}/{hash}.dcm/",
            $"/{hash}/{hash}/{hash[1..]}.dcm",
            $"../{hash[3..]}/{hash}/{hash}.dcm",
            $"{hash}/../{hash[3..]}/{hash}.dcm",
            $"{hash}\\{hash}\\{hash}.dcm",
            $"{hash.ToUpperInvariant()}/{hash}/{hash}.dcm",
            $"{hash}/{hash}/{hash}.DCM",
            $"{hash}/{hash}/{hash[1..]}g.dcm",
            $"{hash}/{hash}/{hash}.dcm.part",
            $"{hash}//{hash}{hash[1..]}.dcm",
            "/etc/passwd",
        ];
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Keys_not_of_the_exact_shape_are_refused(string key)
    {
        var store = new FileSystemBlobStore(_folder.Path);

        Assert.False(FileSystemBlobStore.IsWellFormedKey(key));
        Assert.Throws<ArgumentException>(() => store.GetPath(key));
        Assert.Throws<ArgumentException>(() => store.OpenRead(key));
    }

    public void Dispose() => _folder.Dispose();
}
