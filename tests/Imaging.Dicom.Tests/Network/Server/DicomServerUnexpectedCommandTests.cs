using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>PS3.7 on commands the SCP cannot act on: a C-CANCEL naming no running operation is ignored (whatever is
/// running goes on to its normal end), a request with a command field the SCP does not perform is answered "unrecognized
/// operation" (0x0211, PS3.7 C.5.5), and a response to a request the SCP never sent aborts the association. None of them
/// leaves the peer waiting.</summary>
public class DicomServerUnexpectedCommandTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private const ushort UnknownMessageId = 999;

    [Theory]
    [InlineData("echo")]
    [InlineData("store")]
    [InlineData("find")]
    [InlineData("move")]
    [InlineData("get")]
    public async Task A_cancel_for_an_unknown_message_id_is_ignored_and_the_operation_ends_normally(string operation)
    {
        await using var fixture = await Fixture.StartAsync();
        var (connection, association, server, gate) = (fixture.Connection, fixture.Association, fixture.Server, fixture.Gate);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var cancel = DimseQueryRetrieveCommands.CancelRequest(UnknownMessageId);

        switch (operation)
        {
            case "echo":
            case "store":
                // Both are performed on the receive loop: a C-CANCEL right behind the request reaches the SCP while or
                // after it works on it, and names nothing it runs.
                var context = operation == "echo" ? fixture.Verification : fixture.Storage;
                var request = operation == "echo"
                    ? DimseCommands.EchoRequest(1)
                    : DimseCommands.StoreRequest(1, QueryTestData.SecondaryCapture, fixture.SopInstanceUid);
                await connection.SendAsync(context, request, operation == "echo" ? null : DicomFileReader.Read(fixture.File).Dataset, timeout.Token);
                await connection.SendAsync(fixture.Verification, cancel, null, timeout.Token);
                var response = await connection.ReadMessageAsync(ReadTimeout);
                Assert.Equal((ushort?)(request.GetInteger(DimseCommandTags.CommandField)! | DimseCommandField.ResponseBit), response.CommandField);
                Assert.True(response.Status == DimseStatus.Success, $"status 0x{response.Status:X4}\n{server.Log}");
                break;
            default:
                var (queryContext, query) = operation switch
                {
                    "find" => (fixture.Find, DimseQueryRetrieveCommands.FindRequest(1, fixture.Find.AbstractSyntax)),
                    "move" => (fixture.Move, DimseQueryRetrieveCommands.MoveRequest(1, fixture.Move.AbstractSyntax, TestServer.AETitle)),
                    _ => (fixture.Get, DimseQueryRetrieveCommands.GetRequest(1, fixture.Get.AbstractSyntax)),
                };
                await connection.SendAsync(queryContext, query, Fixture.StudyKeys(), timeout.Token);
                await gate.Started.Task.WaitAsync(ReadTimeout);
                await connection.SendAsync(queryContext, cancel, null, timeout.Token);
                // The operation is held until the SCP has read the C-CANCEL, so the cancel lands while it runs.
                await Eventually.TrueAsync(() => server.Log.Lines.Any(l => l.Contains($"C-CANCEL for message {UnknownMessageId}", StringComparison.Ordinal)),
                    ReadTimeout, () => server.Log.ToString());
                gate.Open();
                var final = await fixture.ReadFinalAnsweringStoresAsync(timeout.Token);
                Assert.True(final.Status == DimseStatus.Success, $"status 0x{final.Status:X4}\n{server.Log}");
                break;
        }

        await connection.AssertEchoSucceedsAsync(association, 2, ReadTimeout, timeout.Token);
        await connection.AssertReleasesAsync(ReadTimeout, timeout.Token);
    }

    [Theory]
    [InlineData((ushort)0x0123, false)]
    [InlineData((ushort)0x0123, true)]
    [InlineData((ushort)0x0130, true)] // N-ACTION-RQ: a DIMSE-N service this SCP does not perform
    [InlineData((ushort)0x0140, false)] // N-CREATE-RQ
    public async Task A_request_with_a_command_field_the_scp_does_not_perform_is_answered_unrecognized_and_the_association_goes_on(
        ushort field, bool withDataSet)
    {
        await using var fixture = await Fixture.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var command = new DicomDataset();
        command.SetString(DimseCommandTags.AffectedSopClassUid, DicomVR.UI, DicomUids.Verification.Uid);
        command.SetValues(DimseCommandTags.CommandField, DicomVR.US, field);
        command.SetValues(DimseCommandTags.MessageId, DicomVR.US, (ushort)7);
        command.SetValues(DimseCommandTags.CommandDataSetType, DicomVR.US, withDataSet ? (ushort)0x0000 : DimseCommandTags.NoDataSet);
        var dataSet = withDataSet ? Fixture.StudyKeys() : null;

        await fixture.Connection.SendAsync(fixture.Verification, command, dataSet, timeout.Token);

        var response = await fixture.Connection.ReadMessageAsync(ReadTimeout);
        Assert.Equal((ushort)(field | DimseCommandField.ResponseBit), response.CommandField);
        Assert.Equal(7L, response.Command.GetInteger(DimseCommandTags.MessageIdBeingRespondedTo));
        Assert.Equal(DimseStatus.UnrecognizedOperation, response.Status);
        await fixture.Connection.AssertEchoSucceedsAsync(fixture.Association, 8, ReadTimeout, timeout.Token);
        await fixture.Connection.AssertReleasesAsync(ReadTimeout, timeout.Token);
    }

    [Fact]
    public async Task A_response_to_a_request_the_scp_never_sent_aborts_the_association()
    {
        await using var fixture = await Fixture.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = DimseCommands.EchoResponse(5, DimseStatus.Success);
        response.SetValues(DimseCommandTags.CommandField, DicomVR.US, (ushort)0x8123);

        await fixture.Connection.SendAsync(fixture.Verification, response, null, timeout.Token);

        Assert.IsType<AbortPdu>(await fixture.Connection.ReadPduAsync(ReadTimeout));
        Assert.True(await fixture.Connection.WaitForCloseAsync(ReadTimeout));
        await Eventually.TrueAsync(() => fixture.Server.Server.ActiveAssociations == 0, ReadTimeout, () => fixture.Server.Log.ToString());
    }

    /// <summary>A server with one stored instance behind a gated index (FIND, MOVE to itself, GET), and a raw peer
    /// associated with Verification, Study Root FIND/MOVE/GET and Secondary Capture (SCP role granted for C-GET).</summary>
    private sealed class Fixture : IAsyncDisposable
    {
        private readonly TempFolder _folder;
        private readonly TestServer _destination;

        private Fixture(TempFolder folder, TestServer destination, TestServer server, GatedQueryProvider gate, RawDicomConnection connection,
            NegotiatedAssociation association, string file)
        {
            _folder = folder;
            _destination = destination;
            Server = server;
            Gate = gate;
            Connection = connection;
            Association = association;
            File = file;
        }

        public TestServer Server { get; }
        public GatedQueryProvider Gate { get; }
        public RawDicomConnection Connection { get; }
        public NegotiatedAssociation Association { get; }
        public string File { get; }
        public string SopInstanceUid => "1.2.826.0.1.3680043.10.1311.930";

        public AcceptedPresentationContext Verification => Context(DicomUids.Verification.Uid);
        public AcceptedPresentationContext Storage => Context(QueryTestData.SecondaryCapture);
        public AcceptedPresentationContext Find => Context(QueryInformationModel.StudyRoot.FindSopClass());
        public AcceptedPresentationContext Move => Context(QueryInformationModel.StudyRoot.MoveSopClass());
        public AcceptedPresentationContext Get => Context(QueryInformationModel.StudyRoot.GetSopClass());

        private AcceptedPresentationContext Context(string abstractSyntax) => Association.PresentationContexts.Single(c => c.AbstractSyntax == abstractSyntax);

        public static async Task<Fixture> StartAsync()
        {
            var folder = new TempFolder();
            var file = folder.File("instance.dcm");
            var header = GeneratedInstances.Write(file, QueryTestData.SecondaryCapture, "1.2.826.0.1.3680043.10.1311.930", DicomTransferSyntax.ExplicitVRLittleEndian);
            var index = new InMemoryQueryIndex();
            index.Add(header, file);
            var gate = new GatedQueryProvider(index);
            var destination = new TestServer();
            var server = new TestServer(options => options with
            {
                Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes(), RequestorScpAbstractSyntaxes = [QueryTestData.SecondaryCapture] },
                FindProvider = gate,
                MoveProvider = gate,
                GetProvider = gate,
                MoveDestinations = new Dictionary<string, MoveDestination> { [TestServer.AETitle] = new("127.0.0.1", destination.Port) },
            });
            var connection = await RawDicomConnection.ConnectAsync(server.Port, CancellationToken.None);
            string[] uncompressed = [DicomTransferSyntax.ExplicitVRLittleEndian.Uid];
            var request = AssociationRequestor.BuildRequest("RAWSCU", TestServer.AETitle,
            [
                new PresentationContextRequest(1, DicomUids.Verification.Uid, uncompressed),
                new PresentationContextRequest(3, QueryInformationModel.StudyRoot.FindSopClass(), uncompressed),
                new PresentationContextRequest(5, QueryInformationModel.StudyRoot.MoveSopClass(), uncompressed),
                new PresentationContextRequest(7, QueryInformationModel.StudyRoot.GetSopClass(), uncompressed),
                new PresentationContextRequest(9, QueryTestData.SecondaryCapture, uncompressed),
            ], 64 * 1024, [new RoleSelection(QueryTestData.SecondaryCapture, ScuRole: true, ScpRole: true)]);
            var (_, association) = await connection.AssociateAsync(request, CancellationToken.None);
            return new Fixture(folder, destination, server, gate, connection, association, file);
        }

        public static DicomDataset StudyKeys()
        {
            var keys = new DicomDataset();
            keys.SetString(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY");
            keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, GeneratedInstances.Study);
            return keys;
        }

        /// <summary>Reads up to the final response, answering the C-STORE sub-operations of a C-GET with Success.</summary>
        public async Task<RawDimseMessage> ReadFinalAnsweringStoresAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var message = await Connection.ReadMessageAsync(ReadTimeout);
                if (message.CommandField == DimseCommandField.CStoreRequest)
                {
                    await Connection.SendAsync(Storage, DimseCommands.StoreResponse(DimseCommands.GetMessageId(message.Command)!.Value,
                        QueryTestData.SecondaryCapture, message.Command.GetSingleString(DicomTags.AffectedSOPInstanceUID), DimseStatus.Success), null, cancellationToken);
                    continue;
                }
                if (!message.IsPending) return message;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Gate.Open();
            await Connection.DisposeAsync();
            await Server.DisposeAsync();
            await _destination.DisposeAsync();
            _folder.Dispose();
        }
    }
}
