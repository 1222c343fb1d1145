using System.Buffers;
using System.IO.Pipelines;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

public class DimseFragmentationTests
{
    private static readonly AcceptedPresentationContext CtContext = new(1, SamplePdus.CtImageStorage, DicomTransferSyntax.ExplicitVRLittleEndian);
    private static readonly AcceptedPresentationContext EchoContext = new(3, SamplePdus.Verification, DicomTransferSyntax.ImplicitVRLittleEndian);
    private static readonly AcceptedPresentationContext[] Contexts = [CtContext, EchoContext];

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Reads PDUs from the pipe into the assembler until one message is complete, checking each P-DATA-TF
    /// against the maximum the fragmenter was given.</summary>
    private static async Task<(DimseMessage Message, int Pdus)> ReceiveOneMessageAsync(PipeReader reader, DimseMessageAssembler assembler, uint maximumLength)
    {
        var limits = new PduReaderLimits(maximumLength == 0 ? 1024 * 1024 : maximumLength);
        var pdus = 0;
        while (true)
        {
            var read = await reader.ReadAsync();
            var buffer = read.Buffer;
            try
            {
                while (PduReader.TryReadPdu(ref buffer, limits, out var pdu))
                {
                    pdus++;
                    var data = Assert.IsType<DataTransferPdu>(pdu);
                    var pduLength = data.Values.Sum(v => PduWriter.PdvHeaderLength + v.Data.Length);
                    if (maximumLength > 0) Assert.True(pduLength <= maximumLength, $"PDU length {pduLength} exceeds {maximumLength}");
                    foreach (var pdv in data.Values)
                    {
                        if (await assembler.AddAsync(pdv) is { } message) return (message, pdus);
                    }
                }
                Assert.False(read.IsCompleted, "The pipe ended before the message was complete");
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(16384u)]
    [InlineData(7u)]
    [InlineData(13u)]
    [InlineData(101u)]
    [InlineData(4099u)]
    public async Task A_store_message_split_for_a_peer_maximum_reassembles_to_the_same_command_and_data_set(uint maximumLength)
    {
        var command = DimseCommandCodec.Encode(TestCommands.StoreRequest(9, "1.2.826.0.1.3680043.2.1125.1"));
        var dataSet = RandomBytes(maximumLength is > 0 and < 200 ? 5_000 : 600_000, (int)maximumLength);
        var fragmenter = new PdvFragmenter(maximumLength);
        var pipe = new Pipe();
        var factory = new RecordingSinkFactory();
        await using var assembler = new DimseMessageAssembler(Contexts, factory);

        var sending = Task.Run(async () =>
        {
            fragmenter.WriteCommand(pipe.Writer, CtContext.Id, command);
            await pipe.Writer.FlushAsync();
            await fragmenter.WriteDataSetAsync(pipe.Writer, CtContext.Id, new MemoryStream(dataSet));
        });
        var (message, pdus) = await ReceiveOneMessageAsync(pipe.Reader, assembler, maximumLength);
        await sending;

        Assert.Same(CtContext, message.PresentationContext);
        Assert.Equal(command, DimseCommandCodec.Encode(message.Command));
        var sink = Assert.IsType<RecordingSinkFactory.TrackedSink>(message.DataSet);
        Assert.True(sink.Completed);
        Assert.Equal(dataSet, ((DimseMemoryDataSink)sink.Inner).WrittenMemory.ToArray());
        var fragment = fragmenter.MaximumFragmentLength;
        Assert.Equal((command.Length + fragment - 1) / fragment + (dataSet.Length + fragment - 1) / fragment, pdus);
        Assert.True(assembler.IsBetweenMessages);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4093)]
    [InlineData(4094)]
    [InlineData(4095)]
    public async Task Data_sets_ending_on_or_near_a_fragment_boundary_get_exactly_one_last_fragment(int length)
    {
        var fragmenter = new PdvFragmenter(4100); // 4094 data bytes per PDV
        var pipe = new Pipe();
        await fragmenter.WriteDataSetAsync(pipe.Writer, 1, new MemoryStream(RandomBytes(length, length)));
        await pipe.Writer.CompleteAsync();

        var read = await pipe.Reader.ReadAsync();
        var buffer = read.Buffer;
        var pdvs = new List<PresentationDataValue>();
        while (PduReader.TryReadPdu(ref buffer, new PduReaderLimits(4100), out var pdu)) pdvs.AddRange(((DataTransferPdu)pdu).Values.Select(v => v.Detach()));

        Assert.True(buffer.IsEmpty);
        Assert.Equal(Math.Max(1, (length + 4093) / 4094), pdvs.Count);
        Assert.Equal([.. Enumerable.Repeat(false, pdvs.Count - 1), true], pdvs.Select(p => p.IsLastFragment));
        Assert.All(pdvs, p => Assert.False(p.IsCommand));
        Assert.Equal(length, pdvs.Sum(p => p.Data.Length));
    }

    [Fact]
    public async Task A_data_set_streams_from_a_file_to_a_file_through_the_pipe()
    {
        using var folder = new TempFolder();
        var source = RandomBytes(1_000_003, 5);
        await File.WriteAllBytesAsync(folder.File("in.bin"), source);
        var pipe = new Pipe();
        var fragmenter = new PdvFragmenter(16384);
        var factory = new RecordingSinkFactory(() => new DimseStreamDataSink(File.Create(folder.File("out.bin"))));
        await using var assembler = new DimseMessageAssembler(Contexts, factory);

        var sending = Task.Run(async () =>
        {
            fragmenter.WriteCommand(pipe.Writer, 1, DimseCommandCodec.Encode(TestCommands.StoreRequest(1, "1.2.3")));
            await using var input = File.OpenRead(folder.File("in.bin"));
            await fragmenter.WriteDataSetAsync(pipe.Writer, 1, input);
        });
        var (message, _) = await ReceiveOneMessageAsync(pipe.Reader, assembler, 16384);
        await sending;
        await message.DataSet!.DisposeAsync();

        Assert.Equal(source, await File.ReadAllBytesAsync(folder.File("out.bin")));
        Assert.Equal(source.Length, ((DimseStreamDataSink)((RecordingSinkFactory.TrackedSink)message.DataSet).Inner).BytesWritten);
    }

    [Fact]
    public void A_command_larger_than_one_fragment_is_split_with_the_last_bit_only_on_the_final_pdv()
    {
        var output = new ArrayBufferWriter<byte>();
        var command = DimseCommandCodec.Encode(TestCommands.StoreRequest(1, "1.2.3.4"));

        new PdvFragmenter(13).WriteCommand(output, 5, command);

        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        var pdvs = new List<PresentationDataValue>();
        while (PduReader.TryReadPdu(ref buffer, new PduReaderLimits(13), out var pdu)) pdvs.AddRange(((DataTransferPdu)pdu).Values);
        Assert.Equal((command.Length + 6) / 7, pdvs.Count);
        Assert.All(pdvs, p => Assert.True(p.IsCommand && p.PresentationContextId == 5 && p.Data.Length <= 7));
        Assert.Equal(pdvs.Count - 1, pdvs.FindIndex(p => p.IsLastFragment));
        Assert.Equal(command, pdvs.SelectMany(p => p.ToArray()).ToArray());
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(6u)]
    public void A_peer_maximum_with_no_room_for_data_is_refused(uint maximumLength)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PdvFragmenter(maximumLength));
    }

    [Fact]
    public void Unlimited_and_huge_peer_maximums_are_capped_to_keep_buffers_modest()
    {
        Assert.Equal(PdvFragmenter.FragmentLengthCap, new PdvFragmenter(0).MaximumFragmentLength);
        Assert.Equal(PdvFragmenter.FragmentLengthCap, new PdvFragmenter(uint.MaxValue).MaximumFragmentLength);
        Assert.Equal(16378, new PdvFragmenter(16384).MaximumFragmentLength);
    }

    // ---- assembler rules --------------------------------------------------------------------------------------

    private static PresentationDataValue Pdv(byte context, bool command, bool last, byte[] data) => new(context, command, last, new ReadOnlySequence<byte>(data));

    private static byte[] Echo => DimseCommandCodec.Encode(TestCommands.EchoRequest(1));

    private static byte[] Store => DimseCommandCodec.Encode(TestCommands.StoreRequest(1, "1.2.3"));

    [Fact]
    public async Task A_command_without_a_data_set_is_a_complete_message_at_its_last_fragment()
    {
        await using var assembler = new DimseMessageAssembler(Contexts, new RecordingSinkFactory());

        Assert.Null(await assembler.AddAsync(Pdv(3, true, false, Echo[..10])));
        var message = await assembler.AddAsync(Pdv(3, true, true, Echo[10..]));

        Assert.NotNull(message);
        Assert.Null(message.DataSet);
        Assert.Equal(0x0030, message.Command.GetInteger(DimseCommandTags.CommandField));
    }

    [Fact]
    public async Task Messages_follow_one_another_on_different_contexts()
    {
        var factory = new RecordingSinkFactory();
        await using var assembler = new DimseMessageAssembler(Contexts, factory);

        Assert.Null(await assembler.AddAsync(Pdv(1, true, true, Store)));
        Assert.NotNull(await assembler.AddAsync(Pdv(1, false, true, [])));
        Assert.NotNull(await assembler.AddAsync(Pdv(3, true, true, Echo)));

        Assert.True(Assert.Single(factory.Sinks).Completed);
    }

    [Fact]
    public async Task A_pdv_on_a_context_that_was_not_accepted_is_a_protocol_error()
    {
        await using var assembler = new DimseMessageAssembler(Contexts, new RecordingSinkFactory());

        var error = await Assert.ThrowsAsync<DicomNetworkProtocolException>(() => assembler.AddAsync(Pdv(5, true, true, Echo)).AsTask());

        Assert.Equal(AbortReason.InvalidPduParameterValue, error.AbortReason);
    }

    [Fact]
    public async Task A_data_set_fragment_with_no_command_before_it_is_a_protocol_error()
    {
        await using var assembler = new DimseMessageAssembler(Contexts, new RecordingSinkFactory());

        await Assert.ThrowsAsync<DicomNetworkProtocolException>(() => assembler.AddAsync(Pdv(1, false, true, [1, 2])).AsTask());
    }

    [Fact]
    public async Task Command_fragments_of_two_contexts_interleaved_are_a_protocol_error()
    {
        await using var assembler = new DimseMessageAssembler(Contexts, new RecordingSinkFactory());
        await assembler.AddAsync(Pdv(1, true, false, Store[..20]));

        await Assert.ThrowsAsync<DicomNetworkProtocolException>(() => assembler.AddAsync(Pdv(3, true, true, Echo)).AsTask());
    }

    [Fact]
    public async Task A_data_set_fragment_before_the_command_is_complete_is_a_protocol_error()
    {
        await using var assembler = new DimseMessageAssembler(Contexts, new RecordingSinkFactory());
        await assembler.AddAsync(Pdv(1, true, false, Store[..20]));

        await Assert.ThrowsAsync<DicomNetworkProtocolException>(() => assembler.AddAsync(Pdv(1, false, true, [1])).AsTask());
    }

    [Fact]
    public async Task A_new_command_interleaved_with_a_data_set_is_a_protocol_error_and_the_partial_data_set_is_discarded()
    {
        var factory = new RecordingSinkFactory();
        var assembler = new DimseMessageAssembler(Contexts, factory);
        await assembler.AddAsync(Pdv(1, true, true, Store));
        await assembler.AddAsync(Pdv(1, false, false, [1, 2, 3]));

        var error = await Assert.ThrowsAsync<DicomNetworkProtocolException>(() => assembler.AddAsync(Pdv(3, true, true, Echo)).AsTask());

        Assert.Equal(AbortReason.UnexpectedPduParameter, error.AbortReason);
        var sink = Assert.Single(factory.Sinks);
        Assert.True(sink.Disposed);
        Assert.False(sink.Completed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => assembler.AddAsync(Pdv(3, true, true, Echo)).AsTask());
    }

    [Fact]
    public async Task A_data_set_fragment_of_another_context_is_a_protocol_error()
    {
        await using var assembler = new DimseMessageAssembler(Contexts, new RecordingSinkFactory());
        await assembler.AddAsync(Pdv(1, true, true, Store));

        await Assert.ThrowsAsync<DicomNetworkProtocolException>(() => assembler.AddAsync(Pdv(3, false, true, [1])).AsTask());
    }

    [Fact]
    public async Task A_command_set_over_the_cap_is_refused_before_it_is_buffered()
    {
        await using var assembler = new DimseMessageAssembler(Contexts, new RecordingSinkFactory(), maximumCommandLength: 100);
        await assembler.AddAsync(Pdv(1, true, false, new byte[60]));

        var error = await Assert.ThrowsAsync<DicomNetworkProtocolException>(() => assembler.AddAsync(Pdv(1, true, false, new byte[41])).AsTask());

        Assert.Contains("100", error.Message);
    }

    [Fact]
    public async Task A_sink_left_open_by_a_broken_association_is_disposed_with_the_assembler()
    {
        var factory = new RecordingSinkFactory();
        var assembler = new DimseMessageAssembler(Contexts, factory);
        await assembler.AddAsync(Pdv(1, true, true, Store));
        await assembler.AddAsync(Pdv(1, false, false, [1, 2, 3]));

        await assembler.DisposeAsync();

        Assert.True(Assert.Single(factory.Sinks).Disposed);
    }

    [Fact]
    public async Task The_memory_sink_refuses_data_sets_over_its_cap()
    {
        await using var assembler = new DimseMessageAssembler(Contexts, new RecordingSinkFactory(() => new DimseMemoryDataSink(10)));
        await assembler.AddAsync(Pdv(1, true, true, Store));

        await Assert.ThrowsAsync<DicomNetworkProtocolException>(() => assembler.AddAsync(Pdv(1, false, true, new byte[11])).AsTask());
    }
}
