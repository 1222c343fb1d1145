using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Gateway.Tests;

/// <summary>Our SCU (<see cref="DicomClient"/>) against Orthanc, a real PACS: C-STORE into it, C-FIND in both query
/// models at every level, C-MOVE from it to a server of ours, C-GET from it on our own association.</summary>
public sealed class OurClientAgainstOrthancTests(OrthancWithStudies peer) : IClassFixture<OrthancWithStudies>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    private static string Uid(string file, DicomTag tag) => OrthancWithStudies.Uid(file, tag);

    private static string[] SopInstancesOf(IEnumerable<string> files) => [.. files.Select(f => Uid(f, DicomTags.SOPInstanceUID)).Order()];

    private static DicomDataset Keys(params (DicomTag Tag, DicomVR VR, string Value)[] keys)
    {
        var identifier = new DicomDataset();
        foreach (var (tag, vr, value) in keys) identifier.SetString(tag, vr, value);
        return identifier;
    }

    private async Task<List<DicomDataset>> FindAsync(QueryInformationModel model, QueryRetrieveLevel level, DicomDataset keys)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var matches = new List<DicomDataset>();
        await foreach (var match in peer.Client().FindAsync(level, model, keys, timeout.Token)) matches.Add(match);
        return matches;
    }

    [Fact]
    public async Task Store_into_orthanc_succeeds_for_every_file_and_orthanc_keeps_each_in_the_syntax_it_was_sent_in()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var orthanc = await OrthancPeer.StartAsync(cancellationToken: timeout.Token);
        var files = OrthancWithStudies.Files;
        var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = orthanc.DicomPort, CalledAETitle = OrthancPeer.AETitle });

        var results = await client.StoreAsync(files, timeout.Token);

        Assert.All(results, r => Assert.True(r.IsSuccess, $"{r.FilePath}: status {r.Status:X4} {r.Error}\n{orthanc.Log}"));
        Assert.Equal(files.Count, (await orthanc.InstancesAsync(timeout.Token)).Length);
        foreach (var file in files)
        {
            // Each file's own syntax was proposed first: RLE and JPEG Baseline arrive compressed, as they are on disk.
            Assert.Equal(DicomFileReader.Read(file).TransferSyntax.Uid, await orthanc.TransferSyntaxOfAsync(Uid(file, DicomTags.SOPInstanceUID), timeout.Token));
        }
    }

    [Fact]
    public async Task Study_root_find_at_study_series_and_image_level_returns_what_orthanc_holds()
    {
        var mr = OrthancWithStudies.MrFiles;
        var mrStudy = Uid(mr[0], DicomTags.StudyInstanceUID);
        var mrSeries = Uid(mr[0], DicomTags.SeriesInstanceUID);

        var studies = await FindAsync(QueryInformationModel.StudyRoot, QueryRetrieveLevel.Study,
            Keys((DicomTags.StudyInstanceUID, DicomVR.UI, ""), (DicomTags.PatientID, DicomVR.LO, ""), (DicomTags.StudyDate, DicomVR.DA, "")));
        var series = await FindAsync(QueryInformationModel.StudyRoot, QueryRetrieveLevel.Series,
            Keys((DicomTags.StudyInstanceUID, DicomVR.UI, mrStudy), (DicomTags.SeriesInstanceUID, DicomVR.UI, ""), (DicomTags.Modality, DicomVR.CS, "")));
        var images = await FindAsync(QueryInformationModel.StudyRoot, QueryRetrieveLevel.Image,
            Keys((DicomTags.StudyInstanceUID, DicomVR.UI, mrStudy), (DicomTags.SeriesInstanceUID, DicomVR.UI, mrSeries), (DicomTags.SOPInstanceUID, DicomVR.UI, "")));
        var byDate = await FindAsync(QueryInformationModel.StudyRoot, QueryRetrieveLevel.Study,
            Keys((DicomTags.StudyInstanceUID, DicomVR.UI, ""), (DicomTags.StudyDate, DicomVR.DA, "20100101-")));

        var expectedStudies = OrthancWithStudies.Files.Select(f => (Uid(f, DicomTags.StudyInstanceUID), OrthancWithStudies.Header(f).GetString(DicomTags.PatientID) ?? ""))
            .Distinct().Order().ToArray();
        Assert.Equal(expectedStudies, studies.Select(s => (s.GetString(DicomTags.StudyInstanceUID)!, s.GetString(DicomTags.PatientID) ?? "")).Order().ToArray());
        Assert.All(studies, s => Assert.Equal("STUDY", s.GetString(DicomTags.QueryRetrieveLevel)));
        var single = Assert.Single(series);
        Assert.Equal((mrSeries, "MR"), (single.GetString(DicomTags.SeriesInstanceUID), single.GetString(DicomTags.Modality)));
        Assert.Equal(SopInstancesOf(mr), images.Select(i => i.GetString(DicomTags.SOPInstanceUID)!).Order().ToArray());
        // Only the MR (2014) and ultrasound (2012) studies are from 2010 on.
        var recent = OrthancWithStudies.Files.Where(f => string.CompareOrdinal(OrthancWithStudies.Header(f).GetString(DicomTags.StudyDate), "20100101") >= 0)
            .Select(f => Uid(f, DicomTags.StudyInstanceUID)).Distinct().Order();
        Assert.Equal(recent, byDate.Select(s => s.GetString(DicomTags.StudyInstanceUID)!).Order());
    }

    [Fact]
    public async Task Patient_root_find_at_patient_study_series_and_image_level_returns_what_orthanc_holds()
    {
        var ct = OrthancWithStudies.Files[0];
        var mr = OrthancWithStudies.MrFiles;
        var patient = OrthancWithStudies.Header(mr[0]).GetString(DicomTags.PatientID)!;
        var mrStudy = Uid(mr[0], DicomTags.StudyInstanceUID);
        var mrSeries = Uid(mr[0], DicomTags.SeriesInstanceUID);

        var patients = await FindAsync(QueryInformationModel.PatientRoot, QueryRetrieveLevel.Patient,
            Keys((DicomTags.PatientID, DicomVR.LO, patient), (DicomTags.PatientName, DicomVR.PN, "")));
        var studies = await FindAsync(QueryInformationModel.PatientRoot, QueryRetrieveLevel.Study,
            Keys((DicomTags.PatientID, DicomVR.LO, OrthancWithStudies.Header(ct).GetString(DicomTags.PatientID)!), (DicomTags.StudyInstanceUID, DicomVR.UI, "")));
        var series = await FindAsync(QueryInformationModel.PatientRoot, QueryRetrieveLevel.Series,
            Keys((DicomTags.PatientID, DicomVR.LO, patient), (DicomTags.StudyInstanceUID, DicomVR.UI, mrStudy), (DicomTags.SeriesInstanceUID, DicomVR.UI, "")));
        var images = await FindAsync(QueryInformationModel.PatientRoot, QueryRetrieveLevel.Image,
            Keys((DicomTags.PatientID, DicomVR.LO, patient), (DicomTags.StudyInstanceUID, DicomVR.UI, mrStudy), (DicomTags.SeriesInstanceUID, DicomVR.UI, mrSeries),
                (DicomTags.SOPInstanceUID, DicomVR.UI, ""), (DicomTags.SOPClassUID, DicomVR.UI, "")));

        var match = Assert.Single(patients);
        Assert.Equal(OrthancWithStudies.Header(mr[0]).GetString(DicomTags.PatientName), match.GetString(DicomTags.PatientName));
        Assert.Equal([Uid(ct, DicomTags.StudyInstanceUID)], studies.Select(s => s.GetString(DicomTags.StudyInstanceUID)!));
        Assert.Equal([mrSeries], series.Select(s => s.GetString(DicomTags.SeriesInstanceUID)!));
        Assert.Equal(SopInstancesOf(mr), images.Select(i => i.GetString(DicomTags.SOPInstanceUID)!).Order().ToArray());
        Assert.All(images, i => Assert.Equal(DicomUids.MRImageStorage.Uid, i.GetString(DicomTags.SOPClassUID)));
    }

    [Fact]
    public async Task Move_of_a_study_delivers_its_instances_to_our_server_with_the_counts_right()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var destination = new MoveDestinationServer();
        await peer.Orthanc.RegisterModalityAsync("dest", MoveDestinationServer.AETitle, destination.Port, timeout.Token);
        var mr = OrthancWithStudies.MrFiles;

        var result = await peer.Client().MoveAsync(MoveDestinationServer.AETitle, QueryRetrieveLevel.Study,
            Keys((DicomTags.StudyInstanceUID, DicomVR.UI, Uid(mr[0], DicomTags.StudyInstanceUID))), cancellationToken: timeout.Token);

        Assert.True(result.Status == DimseStatus.Success, $"{result}\n{peer.Orthanc.Log}");
        Assert.Equal((mr.Count, 0, 0), (result.Completed, result.Failed, result.Warning));
        Assert.Empty(result.FailedSopInstanceUids);
        var received = destination.Received();
        Assert.Equal(SopInstancesOf(mr), received.Keys.Order().ToArray());
        // Our server accepts every syntax, so Orthanc sends each instance as it keeps it (the RLE one stays RLE).
        foreach (var file in mr) Assert.Equal(DicomFileReader.Read(file).TransferSyntax.Uid, received[Uid(file, DicomTags.SOPInstanceUID)]);
    }

    [Fact]
    public async Task Move_of_one_image_in_patient_root_delivers_just_that_instance()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var destination = new MoveDestinationServer();
        await peer.Orthanc.RegisterModalityAsync("dest", MoveDestinationServer.AETitle, destination.Port, timeout.Token);
        var file = OrthancWithStudies.MrFiles[1];
        var header = OrthancWithStudies.Header(file);

        var result = await peer.Client().MoveAsync(MoveDestinationServer.AETitle, QueryRetrieveLevel.Image,
            Keys((DicomTags.PatientID, DicomVR.LO, header.GetString(DicomTags.PatientID)!), (DicomTags.StudyInstanceUID, DicomVR.UI, header.GetString(DicomTags.StudyInstanceUID)!),
                (DicomTags.SeriesInstanceUID, DicomVR.UI, header.GetString(DicomTags.SeriesInstanceUID)!), (DicomTags.SOPInstanceUID, DicomVR.UI, header.GetString(DicomTags.SOPInstanceUID)!)),
            QueryInformationModel.PatientRoot, timeout.Token);

        Assert.True(result.Status == DimseStatus.Success, $"{result}\n{peer.Orthanc.Log}");
        Assert.Equal((1, 0), (result.Completed, result.Failed));
        Assert.Equal([header.GetString(DicomTags.SOPInstanceUID)!], destination.Received().Keys);
    }

    [Fact]
    public async Task Get_of_a_study_receives_its_instances_on_our_association()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var sink = new TempFolder();
        var mr = OrthancWithStudies.MrFiles;

        var result = await peer.Client().GetAsync(QueryRetrieveLevel.Study, Keys((DicomTags.StudyInstanceUID, DicomVR.UI, Uid(mr[0], DicomTags.StudyInstanceUID))),
            sink.Path, cancellationToken: timeout.Token);

        Assert.True(result.Status == DimseStatus.Success, $"{result}\n{peer.Orthanc.Log}");
        Assert.Equal((mr.Count, 0, 0), (result.Completed, result.Failed, result.Warning));
        Assert.Equal(SopInstancesOf(mr), Directory.GetFiles(sink.Path, "*.dcm").Select(f => Path.GetFileNameWithoutExtension(f)).Order().ToArray());
        // Only uncompressed syntaxes were offered: Orthanc decoded the RLE instance to send it; the images are the same.
        foreach (var file in mr.Where(f => !DicomFileReader.Read(f).TransferSyntax.IsEncapsulated))
            DataSetAssert.SameContent(file, Path.Combine(sink.Path, Uid(file, DicomTags.SOPInstanceUID) + ".dcm"));
    }

    [Fact]
    public async Task Get_offering_jpeg_baseline_and_rle_receives_compressed_instances_as_orthanc_keeps_them()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var sink = new TempFolder();
        var compressed = OrthancWithStudies.Files.Where(f => f.Contains("NM1_RLE", StringComparison.Ordinal) || f.Contains("JPEGbaseline", StringComparison.Ordinal)).ToList();
        var classes = compressed.Select(f => Uid(f, DicomTags.SOPClassUID)).ToArray();

        foreach (var file in compressed)
        {
            var result = await peer.Client().GetAsync(QueryRetrieveLevel.Study, Keys((DicomTags.StudyInstanceUID, DicomVR.UI, Uid(file, DicomTags.StudyInstanceUID))),
                sink.Path, storageSopClasses: classes, storageTransferSyntaxes: [DicomTransferSyntax.JpegBaseline, DicomTransferSyntax.RleLossless],
                cancellationToken: timeout.Token);

            Assert.True(result.Status == DimseStatus.Success, $"{file}: {result}\n{peer.Orthanc.Log}");
            Assert.Equal(1, result.Completed);
            DataSetAssert.SameContent(file, Path.Combine(sink.Path, Uid(file, DicomTags.SOPInstanceUID) + ".dcm"));
        }
    }
}
