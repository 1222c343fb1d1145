using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>A file that can no longer be opened when its turn comes (deleted, moved, its disk gone) fails alone: it is
/// reported as not sent and the files after it still go, so a C-MOVE counts it failed and goes on.</summary>
public class StoreVanishedFileTests
{
    [Fact]
    public async Task A_file_that_disappears_before_its_turn_is_reported_not_sent_and_the_next_files_are_still_sent()
    {
        using var folder = new TempFolder();
        var files = Enumerable.Range(1, 3).Select(i =>
        {
            var path = folder.File($"{i}.dcm");
            GeneratedInstances.Write(path, QueryTestData.SecondaryCapture, $"1.2.826.0.1.3680043.10.1311.950.{i}", DicomTransferSyntax.ExplicitVRLittleEndian);
            return path;
        }).ToList();
        await using var server = new TestServer();

        // Every file is read before the association opens; the second is deleted once the first has been sent.
        var results = await server.CreateClient().StoreAsync(files, result =>
        {
            if (result.FilePath == files[0]) File.Delete(files[1]);
            return ValueTask.FromResult(true);
        });

        Assert.Equal(files, results.Select(r => r.FilePath));
        Assert.Equal(DimseStatus.Success, results[0].Status);
        Assert.Null(results[1].Status);
        Assert.False(string.IsNullOrEmpty(results[1].Error));
        Assert.Equal(DimseStatus.Success, results[2].Status);
        Assert.Equal(2, server.StoredFiles().Count);
    }
}
