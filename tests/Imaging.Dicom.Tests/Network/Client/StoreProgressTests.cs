using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>What <see cref="DicomClient.StoreAsync(IEnumerable{string}, IProgress{CStoreProgress}?, CancellationToken)"/> and the
/// per-result callback report while files are sent.</summary>
public class StoreProgressTests
{
    [Fact]
    public async Task Progress_is_reported_after_every_file_with_files_and_bytes_done_out_of_the_total()
    {
        await using var server = new TestServer();
        using var temp = new TempFolder();
        var notDicom = temp.File("notes.txt");
        await File.WriteAllTextAsync(notDicom, "not a DICOM file");
        string[] files = [.. NetworkTestFiles.SeveralTransferSyntaxes.Take(2), notDicom, NetworkTestFiles.SeveralTransferSyntaxes[2]];
        var sizes = files.Select(f => new FileInfo(f).Length).ToArray();
        var reports = new List<CStoreProgress>();

        var results = await server.CreateClient().StoreAsync(files, new Recorder(reports));

        Assert.Equal(files.Length, reports.Count);
        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal((i + 1, files.Length), (reports[i].FilesDone, reports[i].FilesTotal));
            Assert.Equal((sizes.Take(i + 1).Sum(), sizes.Sum()), (reports[i].BytesDone, reports[i].BytesTotal));
            Assert.Same(results[i], reports[i].Last);
        }
        Assert.Null(reports[2].Last.Status);
        Assert.Equal(3, results.Count(r => r.IsSuccess));
    }

    [Fact]
    public async Task The_result_callback_sees_every_file_in_order_unreadable_ones_included_and_can_stop_the_rest()
    {
        await using var server = new TestServer();
        using var temp = new TempFolder();
        var notDicom = temp.File("notes.txt");
        await File.WriteAllTextAsync(notDicom, "not a DICOM file");
        string[] files = [notDicom, .. NetworkTestFiles.SeveralTransferSyntaxes.Take(3)];
        var seen = new List<string>();

        var results = await server.CreateClient().StoreAsync(files, result =>
        {
            seen.Add(result.FilePath);
            return ValueTask.FromResult(seen.Count < 3);
        });

        Assert.Equal(files.Take(3), seen);
        Assert.Equal(2, server.StoredFiles().Count);
        Assert.Equal("not sent", results[3].Error);
    }

    /// <summary>Records on the reporting thread itself: <see cref="Progress{T}"/> would post reports asynchronously.</summary>
    private sealed class Recorder(List<CStoreProgress> reports) : IProgress<CStoreProgress>
    {
        public void Report(CStoreProgress value) => reports.Add(value);
    }
}
