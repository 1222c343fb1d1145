using System.Text.RegularExpressions;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>DCMTK's findscu, a real C-FIND SCU, against our server's C-FIND SCP over an in-memory index.</summary>
public partial class DcmtkFindscuAgainstOurServerTests
{
    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };

    private static async Task<(int Pending, string Output)> FindAsync(TestServer server, string model, params string[] keys)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var arguments = new List<string> { "-v", model, "-aec", TestServer.AETitle, "-aet", "FINDSCU", "-to", "10", "-ta", "10", "-td", "10" };
        foreach (var key in keys) arguments.AddRange(["-k", key]);
        arguments.AddRange(["127.0.0.1", server.Port.ToString()]);
        var result = await ExternalTool.RunAsync("findscu", arguments, TimeSpan.FromSeconds(15), NoDelay, cancellationToken: timeout.Token);
        var output = $"{result.StandardError}{result.StandardOutput}";
        Assert.True(result.ExitCode == 0, $"findscu exit code {result.ExitCode}: {output}\n{server.Log}");
        return (PendingResponse().Matches(output).Count, output);
    }

    [GeneratedRegex(@"Find Response: \d+ \(Pending\)")]
    private static partial Regex PendingResponse();

    [Fact]
    public async Task Study_root_wildcard_on_patient_name_returns_one_pending_response_per_study()
    {
        await using var server = new TestServer(QueryTestData.WithFind(QueryTestData.Index()));
        var (pending, output) = await FindAsync(server, "-S", "QueryRetrieveLevel=STUDY", "PatientName=Doe*", "StudyInstanceUID", "ModalitiesInStudy");
        Assert.True(pending == 2, output);
        Assert.Contains("1.2.826.0.1.2", output);
        Assert.DoesNotContain("1.2.826.0.2.1", output);
    }

    [Fact]
    public async Task Study_root_date_range_selects_the_studies_in_range()
    {
        await using var server = new TestServer(QueryTestData.WithFind(QueryTestData.Index()));
        var (pending, output) = await FindAsync(server, "-S", "QueryRetrieveLevel=STUDY", "StudyDate=20240101-20241231", "StudyInstanceUID");
        Assert.True(pending == 2, output);
        (pending, output) = await FindAsync(server, "-S", "QueryRetrieveLevel=STUDY", "StudyDate=-20231231", "StudyInstanceUID");
        Assert.True(pending == 1, output);
    }

    [Fact]
    public async Task Study_root_series_level_with_a_uid_list_returns_the_listed_series()
    {
        await using var server = new TestServer(QueryTestData.WithFind(QueryTestData.Index()));
        var (pending, output) = await FindAsync(server, "-S", "QueryRetrieveLevel=SERIES", "StudyInstanceUID=1.2.826.0.2.1",
            @"SeriesInstanceUID=1.2.826.0.2.1.2\9.9.9", "Modality");
        Assert.True(pending == 1, output);
        Assert.Contains("SR", output);
    }

    [Fact]
    public async Task Patient_root_patient_then_study_level_walks_the_hierarchy()
    {
        await using var server = new TestServer(QueryTestData.WithFind(QueryTestData.Index()));
        var (pending, output) = await FindAsync(server, "-P", "QueryRetrieveLevel=PATIENT", "PatientID", "PatientName");
        Assert.True(pending == 2, output);
        (pending, output) = await FindAsync(server, "-P", "QueryRetrieveLevel=STUDY", "PatientID=P2", "StudyInstanceUID", "NumberOfStudyRelatedInstances");
        Assert.True(pending == 1, output);
        Assert.Contains("1.2.826.0.2.1", output);
    }

    [Fact]
    public async Task A_series_query_without_the_study_uid_is_refused_as_not_matching_the_sop_class()
    {
        await using var server = new TestServer(QueryTestData.WithFind(QueryTestData.Index()));
        var (pending, output) = await FindAsync(server, "-S", "QueryRetrieveLevel=SERIES", "SeriesInstanceUID");
        Assert.True(pending == 0, output);
        Assert.Contains("Final Find Response (Error: DataSetDoesNotMatchSOPClass)", output);
    }
}
