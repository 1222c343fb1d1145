using System.Buffers;
using System.Text;
using Imaging.Dicom.Network;
using static Imaging.Dicom.Tests.Network.RawPdu;

namespace Imaging.Dicom.Tests.Network;

public class PduReaderTests
{
    private static DicomNetworkProtocolException Rejects(byte[] bytes, PduReaderLimits? limits = null)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        return Assert.Throws<DicomNetworkProtocolException>(() => PduReader.TryReadPdu(ref sequence, limits ?? SamplePdus.Limits, out _));
    }

    private static bool TryRead(byte[] bytes, out Pdu? pdu, PduReaderLimits? limits = null)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        return PduReader.TryReadPdu(ref sequence, limits ?? SamplePdus.Limits, out pdu);
    }

    // ---- partial and segmented buffers -------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(PduRoundTripTests.PduNames), MemberType = typeof(PduRoundTripTests))]
    public void Every_prefix_of_a_pdu_asks_for_more_data_and_leaves_the_buffer_untouched(string name)
    {
        var bytes = PduWriter.ToArray(SamplePdus.All().Single(p => p.GetType().Name == name));
        for (var k = 0; k < bytes.Length; k++)
        {
            var prefix = new ReadOnlySequence<byte>(bytes, 0, k);
            var before = prefix;

            Assert.False(PduReader.TryReadPdu(ref prefix, SamplePdus.Limits, out var pdu));

            Assert.Null(pdu);
            Assert.Equal(before.Length, prefix.Length);
        }
    }

    [Theory]
    [MemberData(nameof(PduRoundTripTests.PduNames), MemberType = typeof(PduRoundTripTests))]
    public void A_pdu_split_across_segments_at_any_point_reads_as_the_same_pdu(string name)
    {
        var bytes = PduWriter.ToArray(SamplePdus.All().Single(p => p.GetType().Name == name));
        for (var k = 1; k < bytes.Length; k++)
        {
            var read = SamplePdus.Read(Segments.Split(bytes, k, k + 7, bytes.Length - 3));

            Assert.Equal(bytes, PduWriter.ToArray(read));
        }
    }

    [Fact]
    public void Pdv_data_spanning_segments_is_exposed_as_a_multi_segment_slice()
    {
        var bytes = PduWriter.ToArray(SamplePdus.TwoPdvs());

        var data = Assert.IsType<DataTransferPdu>(SamplePdus.Read(Segments.Split(bytes, 100, 200)));

        Assert.False(data.Values[1].Data.IsSingleSegment);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray(), data.Values[1].ToArray());
    }

    [Fact]
    public void Consecutive_pdus_in_one_buffer_are_read_one_at_a_time()
    {
        var release = PduWriter.ToArray(ReleaseRequestPdu.Instance);
        var data = PduWriter.ToArray(SamplePdus.TwoPdvs());
        var buffer = new ReadOnlySequence<byte>([.. release, .. data, .. data.AsSpan(0, 5)]);

        Assert.True(PduReader.TryReadPdu(ref buffer, SamplePdus.Limits, out var first));
        Assert.True(PduReader.TryReadPdu(ref buffer, SamplePdus.Limits, out var second));
        Assert.False(PduReader.TryReadPdu(ref buffer, SamplePdus.Limits, out _));

        Assert.IsType<ReleaseRequestPdu>(first);
        Assert.IsType<DataTransferPdu>(second);
        Assert.Equal(5, buffer.Length);
    }

    // ---- lengths checked before buffering ----------------------------------------------------------------------

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x02)]
    [InlineData(0x04)]
    public void A_pdu_length_of_0xFFFFFFFF_is_rejected_from_the_six_byte_header_alone(byte type)
    {
        var error = Rejects([type, 0, 0xFF, 0xFF, 0xFF, 0xFF]);

        Assert.Equal(AbortReason.InvalidPduParameterValue, error.AbortReason);
        Assert.Contains("4294967295", error.Message);
    }

    [Theory]
    [InlineData(0x03)]
    [InlineData(0x05)]
    [InlineData(0x06)]
    [InlineData(0x07)]
    public void Fixed_length_pdus_with_any_length_but_four_are_rejected(byte type)
    {
        Assert.Equal(AbortReason.InvalidPduParameterValue, Rejects([type, 0, 0, 0, 0, 5]).AbortReason);
        Assert.Equal(AbortReason.InvalidPduParameterValue, Rejects([type, 0, 0xFF, 0xFF, 0xFF, 0xFF]).AbortReason);
    }

    [Fact]
    public void Data_transfer_is_limited_to_the_announced_maximum_plus_one_pdv_header()
    {
        var limits = new PduReaderLimits(16384);
        var atCap = 16384 + PduReaderLimits.DataTransferAllowance;

        Assert.False(TryRead([0x04, 0, .. BigEndian(atCap)], out _, limits));
        var error = Rejects([0x04, 0, .. BigEndian(atCap + 1)], limits);

        Assert.Contains("16384", error.Message);
    }

    [Fact]
    public void Association_pdus_are_limited_to_the_association_cap()
    {
        var limits = new PduReaderLimits(16384, maximumAssociationPduLength: 1000);

        Assert.False(TryRead([0x01, 0, .. BigEndian(1000)], out _, limits));
        Assert.Equal(AbortReason.InvalidPduParameterValue, Rejects([0x01, 0, .. BigEndian(1001)], limits).AbortReason);
    }

    [Fact]
    public void Association_pdus_shorter_than_their_fixed_fields_are_rejected()
    {
        Assert.Equal(AbortReason.InvalidPduParameterValue, Rejects([0x01, 0, .. BigEndian(67)]).AbortReason);
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    // ---- foreign and unknown input -----------------------------------------------------------------------------

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x08)]
    [InlineData(0x47)]
    [InlineData(0xFF)]
    public void An_unknown_pdu_type_is_rejected_on_its_first_byte(byte type)
    {
        Assert.Equal(AbortReason.UnrecognizedPdu, Rejects([type]).AbortReason);
    }

    [Fact]
    public void An_http_request_is_rejected_as_an_unrecognized_pdu_that_names_what_it_looks_like()
    {
        var error = Rejects(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: imaging\r\n\r\n"));

        Assert.Equal(AbortReason.UnrecognizedPdu, error.AbortReason);
        Assert.Contains("GET / HTTP/1.1", error.Message);
        Assert.Contains("not a DICOM peer", error.Message);
    }

    [Fact]
    public void A_tls_client_hello_is_rejected_with_a_hint_about_tls()
    {
        Assert.Contains("TLS", Rejects([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]).Message);
    }

    [Fact]
    public void Unknown_variable_items_and_user_information_sub_items_are_skipped()
    {
        var bytes = Request(
            ApplicationContext(),
            Item(0x60, new byte[] { 1, 2, 3 }),
            VerificationContext(),
            UserInformation(MaximumLength(16384), Item(0x7F, Ascii("from a later edition")), Item(0x0B, new byte[] { 1 })));

        Assert.True(TryRead(bytes, out var pdu));

        var rq = Assert.IsType<AssociateRequestPdu>(pdu);
        Assert.Single(rq.PresentationContexts);
        Assert.Equal(16384u, rq.UserInformation.MaximumLength);
    }

    [Fact]
    public void Unknown_sub_items_inside_a_presentation_context_are_skipped()
    {
        var bytes = Request(ApplicationContext(),
            PresentationContext(1, Item(0x30, Ascii("1.2.840.10008.1.1")), Item(0x45, new byte[] { 9, 9 }), Item(0x40, Ascii("1.2.840.10008.1.2"))),
            UserInformation(MaximumLength(0)));

        Assert.True(TryRead(bytes, out var pdu));
        Assert.Equal(["1.2.840.10008.1.2"], Assert.IsType<AssociateRequestPdu>(pdu).PresentationContexts[0].TransferSyntaxes);
    }

    // ---- structural errors --------------------------------------------------------------------------------------

    public static TheoryData<string, byte[]> ItemsPastTheirParent() => new()
    {
        { "variable item past the PDU", Request(ApplicationContext(), Item(0x20, 200, [1, 0, 0, 0])) },
        { "abstract syntax past its presentation context", Request(ApplicationContext(), PresentationContext(1, Item(0x30, 40, Ascii("1.2")))) },
        { "sub-item header cut by its presentation context", Request(ApplicationContext(), PresentationContext(1, [0x30, 0])) },
        { "user information sub-item past the item", Request(ApplicationContext(), VerificationContext(), UserInformation(Item(0x52, 30, Ascii("1.2.3")))) },
        { "role selection UID past its sub-item", RequestWithUserInformation(Item(0x54, [0, 50], Ascii("1.2"), [1, 0])) },
        { "extended negotiation UID past its sub-item", RequestWithUserInformation(Item(0x56, [0, 9], Ascii("1.2"))) },
        { "common extended related UIDs past their field", RequestWithUserInformation(Item(0x57, [0, 3], Ascii("1.2"), [0, 1], Ascii("4"), [0, 8], [0, 1], Ascii("5"))) },
        { "user identity secondary field past the sub-item", RequestWithUserInformation(Item(0x58, [2, 0, 0, 1], Ascii("u"), [0, 20], Ascii("pw"))) },
        { "maximum length sub-item of three bytes", Request(ApplicationContext(), VerificationContext(), UserInformation(Item(0x51, new byte[] { 0, 0, 1 }))) },
        { "asynchronous operations window of two bytes", RequestWithUserInformation(Item(0x53, new byte[] { 0, 1 })) },
        { "PDV item past its PDU", DataTransfer(Pdv(100, 1, 3, 1, 2, 3)) },
        { "PDV item too short for its header", DataTransfer(Pdv(1, 1, 3)) },
        { "PDV header cut by the PDU", DataTransfer(Pdv(4, 1, 3, 1, 2), [0, 0]) },
    };

    [Theory]
    [MemberData(nameof(ItemsPastTheirParent))]
    public void An_item_whose_length_runs_past_its_parent_is_an_invalid_parameter(string what, byte[] bytes)
    {
        var error = Rejects(bytes);

        Assert.True(error.AbortReason == AbortReason.InvalidPduParameterValue, $"{what}: {error.AbortReason} ({error.Message})");
    }

    public static TheoryData<string, byte[], AbortReason> MalformedAssociations() => new()
    {
        { "no application context", Request(VerificationContext(), UserInformation(MaximumLength(0))), AbortReason.InvalidPduParameterValue },
        { "no presentation context", Request(ApplicationContext(), UserInformation(MaximumLength(0))), AbortReason.InvalidPduParameterValue },
        { "no user information", Request(ApplicationContext(), VerificationContext()), AbortReason.InvalidPduParameterValue },
        { "even presentation context ID", Request(ApplicationContext(), VerificationContext(2), UserInformation()), AbortReason.InvalidPduParameterValue },
        { "duplicate presentation context ID", Request(ApplicationContext(), VerificationContext(1), VerificationContext(1), UserInformation()), AbortReason.InvalidPduParameterValue },
        { "presentation context without transfer syntax", Request(ApplicationContext(), PresentationContext(1, Item(0x30, Ascii("1.2"))), UserInformation()), AbortReason.InvalidPduParameterValue },
        { "presentation context without abstract syntax", Request(ApplicationContext(), PresentationContext(1, Item(0x40, Ascii("1.2"))), UserInformation()), AbortReason.InvalidPduParameterValue },
        { "two application contexts", Request(ApplicationContext(), ApplicationContext(), VerificationContext(), UserInformation()), AbortReason.UnexpectedPduParameter },
        { "accept item in a request", Request(ApplicationContext(), Item(0x21, [1, 0, 0, 0]), UserInformation()), AbortReason.UnexpectedPduParameter },
        { "presentation context inside user information", RequestWithUserInformation(VerificationContext(3)), AbortReason.UnexpectedPduParameter },
        { "user identity response in a request", RequestWithUserInformation(Item(0x59, [0, 0])), AbortReason.UnexpectedPduParameter },
        { "two maximum length sub-items", RequestWithUserInformation(MaximumLength(1)), AbortReason.UnexpectedPduParameter },
        { "accept with an undefined result", Association(2, ApplicationContext(), Item(0x21, [1, 0, 9, 0], Item(0x40, Ascii("1.2"))), UserInformation()), AbortReason.InvalidPduParameterValue },
        { "acceptance without transfer syntax", Association(2, ApplicationContext(), Item(0x21, [1, 0, 0, 0]), UserInformation()), AbortReason.InvalidPduParameterValue },
        { "request item in an accept", Association(2, ApplicationContext(), VerificationContext(), UserInformation()), AbortReason.UnexpectedPduParameter },
        { "user identity request in an accept", Association(2, ApplicationContext(), Item(0x21, [1, 0, 3, 0]), UserInformation(Item(0x58, [1, 0, 0, 1], Ascii("u"), [0, 0]))), AbortReason.UnexpectedPduParameter },
    };

    [Theory]
    [MemberData(nameof(MalformedAssociations))]
    public void Malformed_associations_are_rejected_with_the_matching_abort_reason(string what, byte[] bytes, AbortReason expected)
    {
        var error = Rejects(bytes);

        Assert.True(error.AbortReason == expected, $"{what}: {error.AbortReason} ({error.Message})");
    }

    [Fact]
    public void A_pdv_on_an_even_presentation_context_id_is_rejected()
    {
        Assert.Equal(AbortReason.InvalidPduParameterValue, Rejects(DataTransfer(Pdv(3, 2, 3, 0))).AbortReason);
    }

    [Fact]
    public void A_rejected_accept_context_may_omit_its_transfer_syntax()
    {
        var bytes = Association(2, ApplicationContext(), Item(0x21, [1, 0, 3, 0]), UserInformation(MaximumLength(0)));

        Assert.True(TryRead(bytes, out var pdu));

        var result = Assert.Single(Assert.IsType<AssociateAcceptPdu>(pdu).PresentationContexts);
        Assert.Equal(PresentationContextResultReason.AbstractSyntaxNotSupported, result.Result);
        Assert.Equal("", result.TransferSyntax);
    }

    [Fact]
    public void Control_characters_in_ae_titles_are_replaced_so_they_cannot_forge_log_lines()
    {
        var bytes = RequestWithUserInformation();
        bytes[12] = (byte)'\n';

        Assert.True(TryRead(bytes, out var pdu));
        Assert.Equal("IM?GING", Assert.IsType<AssociateRequestPdu>(pdu).CalledAETitle);
    }

    // ---- hostile input never escapes as anything but a protocol error ------------------------------------------

    [Fact]
    public void Random_bytes_never_raise_anything_but_a_protocol_error()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 20000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (bytes.Length > 6 && i % 2 == 0)
            {
                // Half the inputs get a plausible header so that the body parsers are reached too.
                bytes[0] = (byte)random.Next(1, 8);
                var length = (uint)(bytes.Length - 6);
                bytes[2] = (byte)(length >> 24); bytes[3] = (byte)(length >> 16); bytes[4] = (byte)(length >> 8); bytes[5] = (byte)length;
            }
            ReadAllTolerantly(bytes);
        }
    }

    [Fact]
    public void Mutated_valid_pdus_never_raise_anything_but_a_protocol_error()
    {
        var random = new Random(8);
        var originals = SamplePdus.All().Select(PduWriter.ToArray).ToArray();
        for (var i = 0; i < 30000; i++)
        {
            var bytes = (byte[])originals[i % originals.Length].Clone();
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                // Header bytes stay intact most of the time, so the mutations reach the items.
                var at = random.Next(bytes.Length > 6 && random.Next(4) > 0 ? 6 : 0, bytes.Length);
                bytes[at] = random.Next(3) switch { 0 => 0, 1 => 0xFF, _ => (byte)random.Next(256) };
            }
            ReadAllTolerantly(bytes);
        }
    }

    private static void ReadAllTolerantly(byte[] bytes)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        try
        {
            while (PduReader.TryReadPdu(ref sequence, SamplePdus.Limits, out _)) { }
        }
        catch (DicomNetworkProtocolException)
        {
        }
        catch (Exception ex)
        {
            Assert.Fail($"{ex.GetType().Name} on input {Convert.ToHexString(bytes)}: {ex}");
        }
    }
}
