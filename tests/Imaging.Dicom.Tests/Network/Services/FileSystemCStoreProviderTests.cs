using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>The provider's decisions, driven directly with temporary files as the SCP would hand them over.</summary>
public class FileSystemCStoreProviderTests
{
    private const string CtImage = "1.2.840.10008.5.1.4.1.1.2";

    private static readonly DicomAssociationContext Association = new(new NegotiatedAssociation
    {
        CalledAETitle = "IMAGING",
        CallingAETitle = "TEST",
        PresentationContexts = [],
        PeerMaximumLength = 0,
        OwnMaximumLength = 16384,
    }, null);

    private static async Task<string> WriteIncomingAsync(FileSystemCStoreProvider provider, string sopInstance, string study, string series)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTag.SopClassUid, DicomVR.UI, CtImage);
        dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, sopInstance);
        dataset.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
        dataset.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, series);
        using var encoded = new MemoryStream();
        DicomDatasetWriter.Write(encoded, dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        var sink = await CStoreTemporaryFileSink.CreateAsync(provider.IncomingDirectory, CtImage, sopInstance,
            DicomTransferSyntax.ExplicitVRLittleEndian, "TEST", CancellationToken.None);
        await sink.WriteAsync(encoded.ToArray(), CancellationToken.None);
        await sink.CompleteAsync(CancellationToken.None);
        return sink.FilePath;
    }

    [Fact]
    public async Task A_durable_sink_syncs_its_file_on_completion_and_the_provider_keeps_it_without_syncing_again()
    {
        using var folder = new TempFolder();
        var provider = new FileSystemCStoreProvider(folder.Path);
        var dataset = new DicomDataset();
        dataset.SetString(DicomTag.SopClassUid, DicomVR.UI, CtImage);
        dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, "1.2.3.4.6");
        dataset.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3");
        dataset.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.3.4");
        // Bigger than the write buffer and the write-back step, sent in PDV-sized pieces, so both paths run.
        dataset.SetValues(new DicomTag(0x0042, 0x0011), DicomVR.OB, Enumerable.Range(0, 700_000).Select(i => (byte)i).ToArray());
        using var encoded = new MemoryStream();
        DicomDatasetWriter.Write(encoded, dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        var bytes = encoded.ToArray();
        var sink = await CStoreTemporaryFileSink.CreateAsync(provider.IncomingDirectory, CtImage, "1.2.3.4.6",
            DicomTransferSyntax.ExplicitVRLittleEndian, "TEST", durable: true, CancellationToken.None);
        for (var offset = 0; offset < bytes.Length; offset += 16_372)
            await sink.WriteAsync(bytes.AsMemory(offset, Math.Min(16_372, bytes.Length - offset)), CancellationToken.None);
        Assert.False(sink.IsDurable);
        await sink.CompleteAsync(CancellationToken.None);
        Assert.True(sink.IsDurable);
        Assert.True(sink.LastFragmentTimestamp > 0);

        var status = await provider.OnCStoreAsync(new CStoreRequest(sink.FilePath, CtImage, "1.2.3.4.6", DicomTransferSyntax.ExplicitVRLittleEndian, 1,
            Association) { IsDataDurable = true }, CancellationToken.None);

        Assert.Equal(DimseStatus.Success, status);
        var stored = provider.GetInstancePath("1.2.3", "1.2.3.4", "1.2.3.4.6");
        Assert.Equal(bytes.Length, sink.DataSetLength);
        Assert.Equal(bytes, File.ReadAllBytes(stored)[^bytes.Length..]);
        Assert.Equal("1.2.3.4.6", DicomFileReader.Read(stored).Dataset.GetSingleString(DicomTag.SopInstanceUid));
        await sink.DisposeAsync();
        Assert.True(File.Exists(stored));
    }

    [Fact]
    public async Task A_valid_instance_is_moved_to_its_hashed_path_and_answered_success()
    {
        using var folder = new TempFolder();
        var provider = new FileSystemCStoreProvider(folder.Path);
        var temporary = await WriteIncomingAsync(provider, "1.2.3.4.5", "1.2.3", "1.2.3.4");

        var status = await provider.OnCStoreAsync(
            new CStoreRequest(temporary, CtImage, "1.2.3.4.5", DicomTransferSyntax.ExplicitVRLittleEndian, 1, Association), CancellationToken.None);

        Assert.Equal(DimseStatus.Success, status);
        var stored = provider.GetInstancePath("1.2.3", "1.2.3.4", "1.2.3.4.5");
        Assert.True(File.Exists(stored));
        Assert.False(File.Exists(temporary));
        Assert.StartsWith(provider.Root, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("1.2.3", Path.GetRelativePath(provider.Root, stored), StringComparison.Ordinal);
        var file = DicomFileReader.Read(stored);
        Assert.Equal("1.2.3.4.5", file.Dataset.GetSingleString(DicomTag.SopInstanceUid));
        Assert.Equal("TEST", file.FileMetaInformation.GetSingleString(DicomTag.SourceApplicationEntityTitle));
        DataSetAssert.HasZeroedPreamble(stored);
    }

    [Fact]
    public async Task A_study_uid_that_is_not_a_uid_is_answered_cannot_understand_and_not_kept()
    {
        using var folder = new TempFolder();
        var provider = new FileSystemCStoreProvider(folder.Path);
        var temporary = await WriteIncomingAsync(provider, "1.2.3.4.5", "../../escape", "1.2.3.4");

        var status = await provider.OnCStoreAsync(
            new CStoreRequest(temporary, CtImage, "1.2.3.4.5", DicomTransferSyntax.ExplicitVRLittleEndian, 1, Association), CancellationToken.None);

        Assert.Equal(DimseStatus.CannotUnderstand, status);
        Assert.Empty(Directory.EnumerateFiles(provider.Root, "*.dcm", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_command_uid_that_contradicts_the_data_set_is_answered_data_set_does_not_match()
    {
        using var folder = new TempFolder();
        var provider = new FileSystemCStoreProvider(folder.Path);
        var temporary = await WriteIncomingAsync(provider, "1.2.3.4.5", "1.2.3", "1.2.3.4");

        var status = await provider.OnCStoreAsync(
            new CStoreRequest(temporary, CtImage, "1.2.3.4.6", DicomTransferSyntax.ExplicitVRLittleEndian, 1, Association), CancellationToken.None);

        Assert.Equal(DimseStatus.DataSetDoesNotMatchSopClass, status);
    }

    [Fact]
    public async Task A_resent_instance_replaces_the_earlier_copy()
    {
        using var folder = new TempFolder();
        var provider = new FileSystemCStoreProvider(folder.Path);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var temporary = await WriteIncomingAsync(provider, "1.2.3.4.5", "1.2.3", "1.2.3.4");
            Assert.Equal(DimseStatus.Success, await provider.OnCStoreAsync(
                new CStoreRequest(temporary, CtImage, "1.2.3.4.5", DicomTransferSyntax.ExplicitVRLittleEndian, 1, Association), CancellationToken.None));
        }

        Assert.Single(Directory.EnumerateFiles(provider.Root, "*.dcm", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_temporary_file_disposed_before_completion_is_deleted()
    {
        using var folder = new TempFolder();
        var sink = await CStoreTemporaryFileSink.CreateAsync(folder.Path, CtImage, "1.2.3", DicomTransferSyntax.ExplicitVRLittleEndian, null, CancellationToken.None);
        await sink.WriteAsync(new byte[100], CancellationToken.None);
        Assert.True(File.Exists(sink.FilePath));

        await sink.DisposeAsync();

        Assert.False(File.Exists(sink.FilePath));
    }
}
