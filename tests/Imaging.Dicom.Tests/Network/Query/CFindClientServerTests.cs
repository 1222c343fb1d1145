using System.Runtime.CompilerServices;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Our C-FIND SCU against our C-FIND SCP: matches, failures, C-CANCEL and early stops.</summary>
public class CFindClientServerTests
{
    private static DicomDataset StudyKeys(Action<DicomDataset>? fill = null)
    {
        var keys = new DicomDataset();
        keys.SetString(DicomTags.PatientName, DicomVR.PN, "");
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "");
        fill?.Invoke(keys);
        return keys;
    }

    [Fact]
    public async Task Find_yields_one_identifier_per_matching_study_with_the_return_keys_filled()
    {
        await using var server = new TestServer(QueryTestData.WithFind(QueryTestData.Index()));
        var matches = new List<DicomDataset>();
        await foreach (var match in server.CreateClient().FindAsync(QueryRetrieveLevel.Study, QueryInformationModel.StudyRoot,
                           StudyKeys(k => k.SetString(DicomTags.PatientID, DicomVR.LO, "P1"))))
            matches.Add(match);

        Assert.Equal(["1.2.826.0.1.1", "1.2.826.0.1.2"], matches.Select(m => m.GetString(DicomTags.StudyInstanceUID)).Order());
        Assert.All(matches, m => Assert.Equal("Doe^John", m.GetString(DicomTags.PatientName)));
        Assert.All(matches, m => Assert.Equal("STUDY", m.GetString(DicomTags.QueryRetrieveLevel)));
    }

    [Fact]
    public async Task A_query_breaking_the_hierarchy_fails_with_the_status_and_comment()
    {
        await using var server = new TestServer(QueryTestData.WithFind(QueryTestData.Index()));
        var failure = await Assert.ThrowsAsync<DicomOperationFailedException>(async () =>
        {
            await foreach (var _ in server.CreateClient().FindAsync(QueryRetrieveLevel.Image, QueryInformationModel.StudyRoot, StudyKeys())) { }
        });
        Assert.Equal(DimseStatus.IdentifierDoesNotMatchSopClass, failure.Status);
        Assert.Contains("unique key", failure.ErrorComment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_during_the_stream_sends_c_cancel_and_the_server_answers_cancel()
    {
        await using var server = new TestServer(QueryTestData.WithFind(new EndlessProvider()));
        using var cancellation = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in server.CreateClient().FindAsync(QueryRetrieveLevel.Study, QueryInformationModel.StudyRoot, StudyKeys(), cancellation.Token))
            {
                if (++received == 3) await cancellation.CancelAsync();
            }
        });
        await Eventually.TrueAsync(() => server.Log.Lines.Any(l => l.Contains("status 0xFE00", StringComparison.Ordinal)), TimeSpan.FromSeconds(5),
            () => server.Log.ToString());
        await Eventually.TrueAsync(() => server.Server.ActiveAssociations == 0, TimeSpan.FromSeconds(5), () => server.Log.ToString());
        Assert.Contains(server.Log.Lines, l => l.Contains("released", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_the_enumeration_early_cancels_and_still_releases_the_association()
    {
        await using var server = new TestServer(QueryTestData.WithFind(new EndlessProvider()));
        await foreach (var _ in server.CreateClient().FindAsync(QueryRetrieveLevel.Study, QueryInformationModel.StudyRoot, StudyKeys()))
            break;
        await Eventually.TrueAsync(() => server.Server.ActiveAssociations == 0, TimeSpan.FromSeconds(5), () => server.Log.ToString());
        Assert.Contains(server.Log.Lines, l => l.Contains("status 0xFE00", StringComparison.Ordinal));
        Assert.Contains(server.Log.Lines, l => l.Contains("released", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_without_a_find_provider_refuses_the_sop_class()
    {
        await using var server = new TestServer(options => QueryTestData.WithFind(QueryTestData.Index())(options) with { FindProvider = null });
        var failure = await Assert.ThrowsAsync<DicomOperationFailedException>(async () =>
        {
            await foreach (var _ in server.CreateClient().FindAsync(QueryRetrieveLevel.Study, QueryInformationModel.StudyRoot, StudyKeys())) { }
        });
        Assert.Equal(DimseStatus.SopClassNotSupported, failure.Status);
    }

    /// <summary>Yields matches until cancelled; the pace is set by the SCP's sends, not by timers.</summary>
    private sealed class EndlessProvider : ICFindProvider
    {
        public async IAsyncEnumerable<DicomDataset> FindAsync(CFindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var i = 0; ; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = QueryTestData.Header(0);
                record.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.826.9." + i);
                yield return record;
                await Task.Yield();
            }
        }
    }
}
