using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Proves the PDU codec, negotiator, fragmenter and assembler against a real peer (DCMTK's echoscu), with
/// a minimal hand-written acceptor standing in for the association state machine that comes later.</summary>
public class DcmtkEchoInteropTests
{
    private const string CalledAETitle = "IMAGING";

    [Fact]
    public async Task Dcmtk_echoscu_completes_a_verification_against_our_pdu_codec()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var echoscu = ExternalTool.RunAsync("echoscu", ["-aec", CalledAETitle, "-to", "20", "-ta", "20", "-td", "20", "127.0.0.1", port.ToString()],
                TimeSpan.FromSeconds(45), new Dictionary<string, string> { ["TCP_NODELAY"] = "1" }, cancellationToken: timeout.Token);

            // If echoscu dies before connecting, its exit must end the wait instead of the accept hanging to the timeout.
            var accepting = listener.AcceptSocketAsync(timeout.Token).AsTask();
            if (await Task.WhenAny(accepting, echoscu) == echoscu)
                Assert.Fail($"echoscu exited before connecting: {(await echoscu).StandardError}");

            using var socket = await accepting;
            var exchange = await ServeOneAssociationAsync(socket, timeout.Token);
            var result = await echoscu;

            Assert.True(result.ExitCode == 0, $"echoscu exit code {result.ExitCode}: {result.StandardError}{result.StandardOutput}");
            Assert.Equal(["A-ASSOCIATE-RQ", "C-ECHO-RQ", "A-RELEASE-RQ"], exchange.Received);
            Assert.Equal(SamplePdus.Verification, Assert.Single(exchange.Association!.PresentationContexts).AbstractSyntax);
            Assert.StartsWith("1.2.276.0.7230010.3", exchange.Association.PeerImplementationClassUid); // DCMTK's UID root
        }
        finally
        {
            listener.Stop();
        }
    }

    private sealed class Exchange
    {
        public List<string> Received { get; } = [];
        public NegotiatedAssociation? Association { get; set; }
    }

    private static async Task<Exchange> ServeOneAssociationAsync(Socket socket, CancellationToken cancellationToken)
    {
        var exchange = new Exchange();
        var negotiator = new AssociationNegotiator(new AssociationPolicy
        {
            CalledAETitles = [CalledAETitle],
            AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>>
            {
                [SamplePdus.Verification] = [SamplePdus.ExplicitLE, SamplePdus.ImplicitLE],
            },
            MaximumPduLength = 16384,
        });
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        var limits = new PduReaderLimits(16384);
        DimseMessageAssembler? assembler = null;
        PdvFragmenter? fragmenter = null;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                var released = false;
                while (!released && PduReader.TryReadPdu(ref buffer, limits, out var pdu))
                {
                    switch (pdu)
                    {
                        case AssociateRequestPdu request:
                            exchange.Received.Add("A-ASSOCIATE-RQ");
                            var outcome = negotiator.Negotiate(request);
                            PduWriter.Write(writer, outcome.Response);
                            await writer.FlushAsync(cancellationToken);
                            var accepted = Assert.IsType<AssociationAccepted>(outcome);
                            exchange.Association = accepted.Association;
                            limits = accepted.Association.CreateReaderLimits();
                            assembler = new DimseMessageAssembler(accepted.Association.PresentationContexts, new RecordingSinkFactory());
                            fragmenter = new PdvFragmenter(accepted.Association.PeerMaximumLength);
                            break;
                        case DataTransferPdu data:
                            Assert.NotNull(assembler);
                            foreach (var pdv in data.Values)
                            {
                                if (await assembler.AddAsync(pdv, cancellationToken) is not { } message) continue;
                                Assert.Equal(0x0030, message.Command.GetInteger(DimseCommandTags.CommandField));
                                exchange.Received.Add("C-ECHO-RQ");
                                var messageId = (ushort)message.Command.GetInteger(DimseCommandTags.MessageId)!.Value;
                                fragmenter!.WriteCommand(writer, message.PresentationContext.Id, DimseCommandCodec.Encode(TestCommands.EchoResponse(messageId)));
                                await writer.FlushAsync(cancellationToken);
                            }
                            break;
                        case ReleaseRequestPdu:
                            exchange.Received.Add("A-RELEASE-RQ");
                            PduWriter.Write(writer, ReleaseResponsePdu.Instance);
                            await writer.FlushAsync(cancellationToken);
                            released = true;
                            break;
                        default:
                            Assert.Fail($"Unexpected {pdu}");
                            break;
                    }
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (released) return exchange;
                Assert.False(read.IsCompleted, $"echoscu closed the connection after {string.Join(", ", exchange.Received)}");
            }
        }
        finally
        {
            if (assembler is not null) await assembler.DisposeAsync();
            await reader.CompleteAsync();
            await writer.CompleteAsync();
        }
    }
}
