using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests;

/// <summary>DCMTK's findscu, movescu and getscu against `imaging serve` running as its own process (the built CLI), with
/// move destinations from the environment: the whole product as a PACS client sees it.</summary>
public sealed class DcmtkQueryRetrieveAgainstServeTests(ServeWithStudies serve) : IClassFixture<ServeWithStudies>
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(30);

    private static DicomDataset Header(string file) => DicomFileReader.Read(file).Dataset;

    private static string Uid(string file, DicomTag tag) => Header(file).GetString(tag)!;

    private static IReadOnlyList<string> MrFiles => [.. ServeWithStudies.UncompressedFiles.Where(f => f.Contains("MR_brain", StringComparison.Ordinal))];

    private static string[] SopInstancesOf(IEnumerable<string> files) => [.. files.Select(f => Uid(f, DicomTags.SOPInstanceUID)).Order()];

    private Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments) =>
        ExternalTool.RunAsync(tool, arguments, ToolTimeout, ServeWithStudies.NoDelay.ToDictionary());

    /// <summary>findscu with its responses extracted to files (-X), read back with our reader.</summary>
    private async Task<List<DicomDataset>> FindscuAsync(string model, params string[] keys)
    {
        using var responses = new TempFolder();
        var result = await RunAsync("findscu", [model, .. serve.Peer("VIEWER"), "-X", "-od", responses.Path, .. keys.SelectMany(k => new[] { "-k", k }),
            "127.0.0.1", serve.DicomPort.ToString()]);
        Assert.True(result.ExitCode == 0, $"findscu {string.Join(' ', keys)}: {result.StandardError}{result.StandardOutput}\n{serve.Log}");
        return [.. Directory.GetFiles(responses.Path, "rsp*.dcm").Order(StringComparer.Ordinal).Select(f => DicomFileReader.Read(f).Dataset)];
    }

    [Fact]
    public async Task Findscu_gets_the_right_answers_at_study_series_and_image_level_in_study_root_and_patient_root()
    {
        var mr = MrFiles;
        var patient = Header(mr[0]).GetString(DicomTags.PatientID)!;
        var study = Uid(mr[0], DicomTags.StudyInstanceUID);
        var series = Uid(mr[0], DicomTags.SeriesInstanceUID);

        var studies = await FindscuAsync("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID", "PatientID");
        var seriesMatches = await FindscuAsync("-S", "QueryRetrieveLevel=SERIES", $"StudyInstanceUID={study}", "SeriesInstanceUID", "Modality");
        var images = await FindscuAsync("-S", "QueryRetrieveLevel=IMAGE", $"StudyInstanceUID={study}", $"SeriesInstanceUID={series}", "SOPInstanceUID");
        var patients = await FindscuAsync("-P", "QueryRetrieveLevel=PATIENT", $"PatientID={patient}", "PatientName");
        var patientStudies = await FindscuAsync("-P", "QueryRetrieveLevel=STUDY", $"PatientID={patient}", "StudyInstanceUID");
        var patientImages = await FindscuAsync("-P", "QueryRetrieveLevel=IMAGE", $"PatientID={patient}", $"StudyInstanceUID={study}",
            $"SeriesInstanceUID={series}", "SOPInstanceUID");

        string[] all = [.. ServeWithStudies.UncompressedFiles, ServeWithStudies.JpegFile];
        Assert.Equal(all.Select(f => Uid(f, DicomTags.StudyInstanceUID)).Distinct().Order(), studies.Select(s => s.GetString(DicomTags.StudyInstanceUID)!).Order());
        Assert.Equal(patient, studies.Single(s => s.GetString(DicomTags.StudyInstanceUID) == study).GetString(DicomTags.PatientID));
        var oneSeries = Assert.Single(seriesMatches);
        Assert.Equal((series, "MR"), (oneSeries.GetString(DicomTags.SeriesInstanceUID), oneSeries.GetString(DicomTags.Modality)));
        Assert.Equal(SopInstancesOf(mr), images.Select(i => i.GetString(DicomTags.SOPInstanceUID)!).Order());
        Assert.Equal(Header(mr[0]).GetString(DicomTags.PatientName), Assert.Single(patients).GetString(DicomTags.PatientName));
        Assert.Equal([study], patientStudies.Select(s => s.GetString(DicomTags.StudyInstanceUID)!));
        Assert.Equal(SopInstancesOf(mr), patientImages.Select(i => i.GetString(DicomTags.SOPInstanceUID)!).Order());
    }

    [Fact]
    public async Task Movescu_to_the_storescp_configured_in_the_environment_delivers_the_study()
    {
        var mr = MrFiles;

        var result = await RunAsync("movescu", ["-v", "-S", .. serve.Peer("MOVER"), "-aem", ServeWithStudies.StorescpAeTitle,
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={Uid(mr[0], DicomTags.StudyInstanceUID)}", "127.0.0.1", serve.DicomPort.ToString()]);

        var output = result.StandardError + result.StandardOutput;
        Assert.True(result.ExitCode == 0, $"movescu: {output}\n{serve.Log}");
        Assert.Contains("Received Final Move Response (Success)", output);
        var received = serve.Storescp.ReceivedFiles().Select(f => DicomFileReader.Read(f).Dataset.GetString(DicomTags.SOPInstanceUID)!).Order();
        Assert.Equal(SopInstancesOf(mr), received);
    }

    [Fact]
    public async Task Movescu_to_a_destination_that_is_down_is_refused_with_a702_and_every_instance_listed_as_failed()
    {
        var mr = MrFiles;

        var result = await RunAsync("movescu", ["-d", "-S", .. serve.Peer("MOVER"), "-aem", ServeWithStudies.DownAeTitle,
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={Uid(mr[0], DicomTags.StudyInstanceUID)}", "127.0.0.1", serve.DicomPort.ToString()]);

        var output = result.StandardError + result.StandardOutput;
        Assert.True(output.Contains("Move response with error status (Refused: OutOfResourcesSubOperations)", StringComparison.Ordinal), $"{output}\n{serve.Log}");
        var final = output[output.IndexOf("Received Final Move Response", StringComparison.Ordinal)..];
        Assert.Contains("Completed Suboperations       : 0", final);
        Assert.Contains($"Failed Suboperations          : {mr.Count}", final);
        var failedList = Assert.Single(final.Split('\n'), l => l.Contains("(0008,0058)", StringComparison.Ordinal));
        foreach (var sopInstance in SopInstancesOf(mr)) Assert.Contains(sopInstance, failedList);
    }

    [Fact]
    public async Task Getscu_retrieves_the_uncompressed_study_on_its_own_association()
    {
        using var received = new TempFolder();
        var mr = MrFiles;

        var result = await RunAsync("getscu", ["-v", "-S", .. serve.Peer("VIEWER"), "-od", received.Path,
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={Uid(mr[0], DicomTags.StudyInstanceUID)}", "127.0.0.1", serve.DicomPort.ToString()]);

        var output = result.StandardError + result.StandardOutput;
        Assert.True(result.ExitCode == 0, $"getscu: {output}\n{serve.Log}");
        Assert.Contains("Received C-GET Response (Success)", output);
        Assert.Equal(SopInstancesOf(mr), Directory.GetFiles(received.Path).Select(f => DicomFileReader.Read(f).Dataset.GetString(DicomTags.SOPInstanceUID)!).Order());
    }

    [Fact]
    public async Task Getscu_preferring_jpeg_baseline_receives_the_jpeg_instance_as_stored_and_without_it_gets_a_warning()
    {
        using var preferring = new TempFolder();
        using var uncompressedOnly = new TempFolder();
        var jpeg = ServeWithStudies.JpegFile;
        string[] query = ["-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={Uid(jpeg, DicomTags.StudyInstanceUID)}", "127.0.0.1", serve.DicomPort.ToString()];

        var compressed = await RunAsync("getscu", ["-v", "+B", "+xy", "-S", .. serve.Peer("VIEWER"), "-od", preferring.Path, .. query]);
        var refused = await RunAsync("getscu", ["-v", "-S", .. serve.Peer("VIEWER"), "-od", uncompressedOnly.Path, .. query]);

        Assert.True(compressed.ExitCode == 0, $"getscu +xy: {compressed.StandardError}{compressed.StandardOutput}\n{serve.Log}");
        var received = Assert.Single(Directory.GetFiles(preferring.Path));
        Assert.Equal(DicomTransferSyntax.JpegBaseline.Uid, DicomFileReader.Read(received).TransferSyntax.Uid);
        // Bit-preserving (+B): the data set getscu wrote is the one storescu sent, byte for byte.
        DataSetAssert.SameDataSetBytes(jpeg, received);

        var output = refused.StandardError + refused.StandardOutput;
        Assert.Empty(Directory.GetFiles(uncompressedOnly.Path));
        // Nothing was sent: every sub-operation failed, so the final status is Refused (0xA702).
        Assert.True(output.Contains("Refused: OutOfResourcesSubOperations", StringComparison.Ordinal), $"{output}\n{serve.Log}");
        Assert.Contains("Number of Failed Suboperations    : 1", output);
    }
}
