using System.Text;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

public class PduRoundTripTests
{
    public static TheoryData<string> PduNames() => new(SamplePdus.All().Select(p => p.GetType().Name));

    [Theory]
    [MemberData(nameof(PduNames))]
    public void Every_pdu_type_reads_back_as_what_was_written_and_re_encodes_to_the_same_bytes(string name)
    {
        var original = SamplePdus.All().Single(p => p.GetType().Name == name);
        var bytes = PduWriter.ToArray(original);

        var read = SamplePdus.Read(bytes);

        Assert.Equal(original.Type, read.Type);
        Assert.Equal(bytes, PduWriter.ToArray(read));
    }

    [Fact]
    public void Associate_request_keeps_every_user_information_sub_item()
    {
        var rq = Assert.IsType<AssociateRequestPdu>(SamplePdus.Read(PduWriter.ToArray(SamplePdus.FullRequest())));

        Assert.Equal("IMAGING", rq.CalledAETitle);
        Assert.Equal("MODALITY1", rq.CallingAETitle);
        Assert.Equal(1, rq.ProtocolVersion);
        Assert.Equal(DicomApplicationContext.Name, rq.ApplicationContextName);
        Assert.Equal([1, 3, 5], rq.PresentationContexts.Select(p => (int)p.Id));
        Assert.Equal([SamplePdus.JpegLossless, SamplePdus.ExplicitLE, SamplePdus.ImplicitLE], rq.PresentationContexts[1].TransferSyntaxes);
        var ui = rq.UserInformation;
        Assert.Equal(16384u, ui.MaximumLength);
        Assert.Equal("1.2.276.0.7230010.3.0.3.6.7", ui.ImplementationClassUid);
        Assert.Equal("OFFIS_DCMTK_367", ui.ImplementationVersionName);
        Assert.Equal(new AsynchronousOperationsWindow(5, 3), ui.AsynchronousOperationsWindow);
        Assert.Equal(new RoleSelection(SamplePdus.CtImageStorage, true, true), Assert.Single(ui.RoleSelections));
        var extended = Assert.Single(ui.ExtendedNegotiations);
        Assert.Equal(SamplePdus.StudyRootFind, extended.SopClassUid);
        Assert.Equal([1, 1, 0], extended.ServiceClassApplicationInformation.ToArray());
        var common = Assert.Single(ui.CommonExtendedNegotiations);
        Assert.Equal(SamplePdus.StorageServiceClass, common.ServiceClassUid);
        Assert.Equal(["1.2.840.10008.5.1.4.1.1.2.1", "1.2.3"], common.RelatedGeneralSopClassUids);
        var identity = Assert.IsType<UserIdentityRequest>(ui.UserIdentityRequest);
        Assert.Equal(UserIdentityType.UsernameAndPasscode, identity.Type);
        Assert.True(identity.PositiveResponseRequested);
        Assert.Equal("radiology", identity.Username);
        Assert.Equal("s3cret", Encoding.UTF8.GetString(identity.SecondaryField.Span));
        Assert.Null(ui.UserIdentityResponse);
    }

    [Fact]
    public void Associate_accept_keeps_results_and_the_user_identity_response()
    {
        var ac = Assert.IsType<AssociateAcceptPdu>(SamplePdus.Read(PduWriter.ToArray(SamplePdus.FullAccept())));

        Assert.Equal(
            [PresentationContextResultReason.Acceptance, PresentationContextResultReason.TransferSyntaxesNotSupported, PresentationContextResultReason.AbstractSyntaxNotSupported],
            ac.PresentationContexts.Select(p => p.Result));
        Assert.Equal(SamplePdus.ImplicitLE, ac.PresentationContexts[0].TransferSyntax);
        Assert.Equal(65536u, ac.UserInformation.MaximumLength);
        Assert.Equal(new RoleSelection(SamplePdus.CtImageStorage, true, false), Assert.Single(ac.UserInformation.RoleSelections));
        Assert.Equal("ticket", Encoding.ASCII.GetString(ac.UserInformation.UserIdentityResponse!.ServerResponse.Span));
    }

    [Theory]
    [InlineData(UserIdentityType.Username)]
    [InlineData(UserIdentityType.KerberosServiceTicket)]
    [InlineData(UserIdentityType.SamlAssertion)]
    [InlineData(UserIdentityType.JsonWebToken)]
    public void User_identity_of_every_type_round_trips(UserIdentityType type)
    {
        var identity = type == UserIdentityType.Username
            ? UserIdentityRequest.ForUsername("tech")
            : UserIdentityRequest.ForToken(type, Encoding.ASCII.GetBytes("token-" + type));
        var rq = SamplePdus.FullRequest() with { UserInformation = new UserInformation { MaximumLength = 0, UserIdentityRequest = identity } };

        var read = Assert.IsType<AssociateRequestPdu>(SamplePdus.Read(PduWriter.ToArray(rq)));

        var back = read.UserInformation.UserIdentityRequest!;
        Assert.Equal(type, back.Type);
        Assert.False(back.PositiveResponseRequested);
        Assert.Equal(identity.PrimaryField.ToArray(), back.PrimaryField.ToArray());
        Assert.True(back.SecondaryField.IsEmpty);
        Assert.Equal(0u, read.UserInformation.MaximumLength);
    }

    [Fact]
    public void Data_transfer_pdvs_keep_their_context_control_bits_and_bytes()
    {
        var data = Assert.IsType<DataTransferPdu>(SamplePdus.Read(PduWriter.ToArray(SamplePdus.TwoPdvs())));

        Assert.Equal(2, data.Values.Count);
        Assert.Equal((1, true, true), (data.Values[0].PresentationContextId, data.Values[0].IsCommand, data.Values[0].IsLastFragment));
        Assert.Equal(0x03, data.Values[0].MessageControlHeader);
        Assert.Equal([1, 2, 3, 4], data.Values[0].ToArray());
        Assert.Equal((3, false, false), (data.Values[1].PresentationContextId, data.Values[1].IsCommand, data.Values[1].IsLastFragment));
        Assert.Equal(0x00, data.Values[1].MessageControlHeader);
        Assert.Equal(300, data.Values[1].Data.Length);
    }

    [Fact]
    public void Pdv_data_is_a_slice_of_the_receive_buffer_until_detached()
    {
        var bytes = PduWriter.ToArray(SamplePdus.TwoPdvs());
        var data = Assert.IsType<DataTransferPdu>(SamplePdus.Read(bytes));
        var slice = data.Values[0].Data;
        var detached = data.Values[0].Detach();

        bytes[12] = 0xEE; // first byte of the first PDV's data: the receive buffer is reused

        Assert.Equal(0xEE, slice.FirstSpan[0]);
        Assert.Equal(1, detached.Data.FirstSpan[0]);
    }

    [Fact]
    public void Reject_release_and_abort_have_their_fixed_ten_byte_layouts()
    {
        Assert.Equal([0x03, 0, 0, 0, 0, 4, 0, 1, 1, 7], PduWriter.ToArray(AssociateRejectPdu.CalledAETitleNotRecognized));
        Assert.Equal([0x03, 0, 0, 0, 0, 4, 0, 2, 3, 2], PduWriter.ToArray(AssociateRejectPdu.LocalLimitExceeded));
        Assert.Equal([0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0], PduWriter.ToArray(ReleaseRequestPdu.Instance));
        Assert.Equal([0x06, 0, 0, 0, 0, 4, 0, 0, 0, 0], PduWriter.ToArray(ReleaseResponsePdu.Instance));
        Assert.Equal([0x07, 0, 0, 0, 0, 4, 0, 0, 2, 6], PduWriter.ToArray(new AbortPdu(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue)));
    }

    [Fact]
    public void Reject_reads_back_with_its_result_source_and_reason()
    {
        var rj = Assert.IsType<AssociateRejectPdu>(SamplePdus.Read(PduWriter.ToArray(AssociateRejectPdu.ProtocolVersionNotSupported)));

        Assert.Equal(AssociateRejectPdu.ProtocolVersionNotSupported, rj);
        Assert.Equal("protocol version not supported (permanent)", rj.Description);
    }

    [Fact]
    public void Writer_refuses_ae_titles_longer_than_sixteen_characters_or_with_control_characters()
    {
        Assert.Throws<ArgumentException>(() => PduWriter.ToArray(SamplePdus.FullRequest() with { CalledAETitle = "SEVENTEEN_CHARS_X" }));
        Assert.Throws<ArgumentException>(() => PduWriter.ToArray(SamplePdus.FullRequest() with { CallingAETitle = "BAD\nTITLE" }));
    }

    [Fact]
    public void Writer_refuses_even_presentation_context_ids()
    {
        var rq = SamplePdus.FullRequest() with { PresentationContexts = [new PresentationContextRequest(2, SamplePdus.Verification, [SamplePdus.ImplicitLE])] };

        Assert.Throws<ArgumentOutOfRangeException>(() => PduWriter.ToArray(rq));
    }
}
