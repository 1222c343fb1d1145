using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>C-FIND, C-MOVE and C-GET that fail on the SCP side (a provider exception, a file that cannot be read) still
/// end with a final response the peer can act on, say what failed without internals, and leave the association usable.</summary>
public class FailingOperationTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private static readonly string[] StorageClasses = [DicomUids.CTImageStorage.Uid, DicomUids.MRImageStorage.Uid, QueryTestData.SecondaryCapture];

    [Theory]
    [InlineData("io")]
    [InlineData("cancelled")]
    [InlineData("unauthorized")]
    [InlineData("invalid")]
    public async Task A_find_whose_provider_throws_ends_with_unable_to_process_and_the_association_goes_on(string kind)
    {
        await using var server = new TestServer(QueryServer(new ThrowingQueryProvider(() => ThrowingQueryProvider.Create(kind))));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        var association = await AssociateAsync(connection, timeout.Token);
        var find = Context(association, QueryInformationModel.StudyRoot.FindSopClass());

        await connection.SendAsync(find, DimseQueryRetrieveCommands.FindRequest(1, find.AbstractSyntax), StudyKeys(), timeout.Token);

        var match = await connection.ReadMessageAsync(ReadTimeout);
        Assert.True(match.IsPending, $"{match.Command}\n{server.Log}");
        var final = await connection.ReadFinalResponseAsync(ReadTimeout);
        AssertUnableToProcess(final, DimseCommandField.CFindResponse, server);
        await connection.AssertEchoSucceedsAsync(association, 2, ReadTimeout, timeout.Token);
        await connection.AssertReleasesAsync(ReadTimeout, timeout.Token);
    }

    [Theory]
    [InlineData("io")]
    [InlineData("cancelled")]
    public async Task A_move_whose_provider_throws_ends_with_unable_to_process_and_the_association_goes_on(string kind)
    {
        await using var destination = new TestServer();
        await using var server = new TestServer(QueryServer(new ThrowingQueryProvider(() => ThrowingQueryProvider.Create(kind)), destination.Port));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        var association = await AssociateAsync(connection, timeout.Token);
        var move = Context(association, QueryInformationModel.StudyRoot.MoveSopClass());

        await connection.SendAsync(move, DimseQueryRetrieveCommands.MoveRequest(1, move.AbstractSyntax, TestServer.AETitle), StudyKeys(), timeout.Token);

        AssertUnableToProcess(await connection.ReadFinalResponseAsync(ReadTimeout), DimseCommandField.CMoveResponse, server);
        await connection.AssertEchoSucceedsAsync(association, 2, ReadTimeout, timeout.Token);
        await connection.AssertReleasesAsync(ReadTimeout, timeout.Token);
    }

    [Theory]
    [InlineData("io")]
    [InlineData("cancelled")]
    public async Task A_get_whose_provider_throws_ends_with_unable_to_process_and_the_association_goes_on(string kind)
    {
        await using var server = new TestServer(QueryServer(new ThrowingQueryProvider(() => ThrowingQueryProvider.Create(kind))));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        var association = await AssociateAsync(connection, timeout.Token);
        var get = Context(association, QueryInformationModel.StudyRoot.GetSopClass());

        await connection.SendAsync(get, DimseQueryRetrieveCommands.GetRequest(1, get.AbstractSyntax), StudyKeys(), timeout.Token);

        AssertUnableToProcess(await connection.ReadFinalResponseAsync(ReadTimeout), DimseCommandField.CGetResponse, server);
        await connection.AssertEchoSucceedsAsync(association, 2, ReadTimeout, timeout.Token);
        await connection.AssertReleasesAsync(ReadTimeout, timeout.Token);
    }

    [Fact]
    public async Task A_get_of_a_file_that_cannot_be_read_counts_it_failed_sends_the_others_and_the_association_goes_on()
    {
        using var folder = new TempFolder();
        var good = folder.File("good.dcm");
        var goodHeader = GeneratedInstances.Write(good, QueryTestData.SecondaryCapture, "1.2.826.0.1.3680043.10.1311.901", DicomTransferSyntax.ExplicitVRLittleEndian);
        // A directory where the index says a file is: opening it fails as a damaged disk or a wrong permission would.
        var unreadable = folder.File("unreadable.dcm");
        Directory.CreateDirectory(unreadable);
        var index = new InMemoryQueryIndex();
        var unreadableHeader = new DicomDataset(goodHeader);
        unreadableHeader.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.10.1311.902");
        index.Add(unreadableHeader, unreadable);
        index.Add(goodHeader, good);
        await using var server = new TestServer(QueryServer(index));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = await RawDicomConnection.ConnectAsync(server.Port, timeout.Token);
        var association = await AssociateAsync(connection, timeout.Token);
        var get = Context(association, QueryInformationModel.StudyRoot.GetSopClass());
        var keys = new DicomDataset();
        keys.SetString(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY");
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, GeneratedInstances.Study);

        await connection.SendAsync(get, DimseQueryRetrieveCommands.GetRequest(1, get.AbstractSyntax), keys, timeout.Token);

        RawDimseMessage final;
        var stored = 0;
        while (true)
        {
            var message = await connection.ReadMessageAsync(ReadTimeout);
            if (message.CommandField == DimseCommandField.CStoreRequest)
            {
                stored++;
                var store = association.PresentationContexts.Single(c => c.Id == message.PresentationContextId);
                await connection.SendAsync(store, DimseCommands.StoreResponse(DimseCommands.GetMessageId(message.Command)!.Value,
                    message.Command.GetSingleString(DimseCommandTags.AffectedSopClassUid), message.Command.GetSingleString(DicomTags.AffectedSOPInstanceUID),
                    DimseStatus.Success), null, timeout.Token);
                continue;
            }
            if (message.IsPending) continue;
            final = message;
            break;
        }

        Assert.True(final.Status == DimseStatus.SubOperationsCompleteWithFailures, $"status 0x{final.Status:X4}\n{server.Log}");
        Assert.Equal(1, stored);
        Assert.Equal((1L, 1L), (final.Command.GetInteger(DicomTags.NumberOfCompletedSuboperations), final.Command.GetInteger(DicomTags.NumberOfFailedSuboperations)));
        await connection.AssertEchoSucceedsAsync(association, 2, ReadTimeout, timeout.Token);
        await connection.AssertReleasesAsync(ReadTimeout, timeout.Token);
    }

    private static void AssertUnableToProcess(RawDimseMessage final, ushort field, TestServer server)
    {
        Assert.Equal(field, final.CommandField);
        Assert.True(final.Status is >= 0xC000 and <= 0xCFFF, $"status 0x{final.Status:X4}\n{server.Log}");
        var comment = final.Command.GetString(DicomTags.ErrorComment);
        Assert.False(string.IsNullOrWhiteSpace(comment), "the final response says nothing about what failed");
        Assert.DoesNotContain(ThrowingQueryProvider.Secret, comment);
        Assert.DoesNotContain(" at ", comment);
    }

    private static Func<DicomServerOptions, DicomServerOptions> QueryServer(object provider, int? destinationPort = null) => options => options with
    {
        Policy = options.Policy with
        {
            AbstractSyntaxes = QueryTestData.AbstractSyntaxes(),
            RequestorScpAbstractSyntaxes = StorageClasses,
        },
        FindProvider = provider as ICFindProvider,
        MoveProvider = provider as ICMoveProvider,
        GetProvider = provider as ICGetProvider,
        MoveDestinations = destinationPort is { } port
            ? new Dictionary<string, MoveDestination> { [TestServer.AETitle] = new("127.0.0.1", port) }
            : options.MoveDestinations,
    };

    /// <summary>Verification, Study Root FIND/MOVE/GET, and a few storage classes on which we take the SCP role for C-GET.</summary>
    private static async Task<NegotiatedAssociation> AssociateAsync(RawDicomConnection connection, CancellationToken cancellationToken)
    {
        string[] uncompressed = [DicomTransferSyntax.ExplicitVRLittleEndian.Uid, DicomTransferSyntax.ImplicitVRLittleEndian.Uid];
        var contexts = new List<PresentationContextRequest>
        {
            new(1, DicomUids.Verification.Uid, uncompressed),
            new(3, QueryInformationModel.StudyRoot.FindSopClass(), uncompressed),
            new(5, QueryInformationModel.StudyRoot.MoveSopClass(), uncompressed),
            new(7, QueryInformationModel.StudyRoot.GetSopClass(), uncompressed),
        };
        foreach (var storage in StorageClasses) contexts.Add(new PresentationContextRequest((byte)(contexts.Count * 2 + 1), storage, uncompressed));
        var request = AssociationRequestor.BuildRequest("RAWSCU", TestServer.AETitle, contexts, 64 * 1024,
            [.. StorageClasses.Select(c => new RoleSelection(c, ScuRole: false, ScpRole: true))]);
        var (_, association) = await connection.AssociateAsync(request, cancellationToken);
        return association;
    }

    private static AcceptedPresentationContext Context(NegotiatedAssociation association, string abstractSyntax) =>
        association.PresentationContexts.Single(c => c.AbstractSyntax == abstractSyntax);

    private static DicomDataset StudyKeys()
    {
        var keys = new DicomDataset();
        keys.SetString(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY");
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, QueryTestData.Rows[0].Study);
        return keys;
    }
}
