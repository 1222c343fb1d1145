using System.Text;
using Imaging.Dicom.Network;
using static Imaging.Dicom.Tests.Network.SamplePdus;

namespace Imaging.Dicom.Tests.Network;

public class AssociationNegotiatorTests
{
    private static AssociationPolicy Policy() => new()
    {
        CalledAETitles = ["IMAGING", "IMAGING2"],
        AllowedCallingAETitles = ["MODALITY1", "PACS"],
        AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>>
        {
            [Verification] = [ExplicitLE, ImplicitLE],
            [CtImageStorage] = [ExplicitLE, ImplicitLE],
            [StudyRootFind] = [ExplicitLE, ImplicitLE],
        },
        MaximumPduLength = 32768,
    };

    private static AssociateRequestPdu Request(params PresentationContextRequest[] contexts) => new(
        "IMAGING",
        "MODALITY1",
        contexts.Length > 0 ? contexts : [new PresentationContextRequest(1, Verification, [ImplicitLE])],
        new UserInformation { MaximumLength = 16384, ImplementationClassUid = "1.2.3", ImplementationVersionName = "PEER" });

    private static AssociationRejected Rejected(AssociationNegotiationOutcome outcome) => Assert.IsType<AssociationRejected>(outcome);

    private static AssociationAccepted Accepted(AssociationNegotiationOutcome outcome) => Assert.IsType<AssociationAccepted>(outcome);

    // ---- rejections -------------------------------------------------------------------------------------------

    [Fact]
    public void Unknown_called_ae_title_is_rejected_permanently_by_the_service_user_with_reason_7()
    {
        var outcome = Rejected(new AssociationNegotiator(Policy()).Negotiate(Request() with { CalledAETitle = "OTHER" }));

        Assert.Equal(new AssociateRejectPdu(AssociateRejectResult.Permanent, AssociateRejectSource.ServiceUser, 7), outcome.Reject);
        Assert.Contains("OTHER", outcome.Explanation);
    }

    [Fact]
    public void Calling_ae_title_not_on_the_allow_list_is_rejected_with_reason_3()
    {
        var outcome = Rejected(new AssociationNegotiator(Policy()).Negotiate(Request() with { CallingAETitle = "STRANGER" }));

        Assert.Equal(new AssociateRejectPdu(AssociateRejectResult.Permanent, AssociateRejectSource.ServiceUser, 3), outcome.Reject);
    }

    [Fact]
    public void Calling_ae_title_from_a_host_it_is_not_allowed_on_is_rejected_with_reason_3()
    {
        var outcome = Rejected(new AssociationNegotiator(Policy()).Negotiate(Request(), new AssociationAdmission { CallingHostAllowed = false }));

        Assert.Equal(AssociateRejectPdu.CallingAETitleNotRecognized, outcome.Reject);
    }

    [Fact]
    public void Any_calling_ae_title_is_admitted_when_no_allow_list_is_configured()
    {
        var negotiator = new AssociationNegotiator(Policy() with { AllowedCallingAETitles = null });

        Accepted(negotiator.Negotiate(Request() with { CallingAETitle = "ANYONE" }));
    }

    [Fact]
    public void Foreign_application_context_is_rejected_with_reason_2()
    {
        var outcome = Rejected(new AssociationNegotiator(Policy()).Negotiate(Request() with { ApplicationContextName = "1.2.3.4" }));

        Assert.Equal(new AssociateRejectPdu(AssociateRejectResult.Permanent, AssociateRejectSource.ServiceUser, 2), outcome.Reject);
    }

    [Fact]
    public void Protocol_version_without_bit_0_is_rejected_by_the_acse_provider_with_reason_2()
    {
        var outcome = Rejected(new AssociationNegotiator(Policy()).Negotiate(Request() with { ProtocolVersion = 2 }));

        Assert.Equal(new AssociateRejectPdu(AssociateRejectResult.Permanent, AssociateRejectSource.ServiceProviderAcse, 2), outcome.Reject);
    }

    [Fact]
    public void Protocol_version_bits_beyond_version_1_are_ignored()
    {
        Accepted(new AssociationNegotiator(Policy()).Negotiate(Request() with { ProtocolVersion = 3 }));
    }

    [Fact]
    public void Concurrent_association_cap_rejects_transiently_as_a_local_limit_of_the_presentation_provider()
    {
        var outcome = Rejected(new AssociationNegotiator(Policy()).Negotiate(Request(), new AssociationAdmission { AtAssociationLimit = true }));

        Assert.Equal(new AssociateRejectPdu(AssociateRejectResult.Transient, AssociateRejectSource.ServiceProviderPresentation, 2), outcome.Reject);
    }

    [Fact]
    public void Low_storage_rejects_transiently_as_a_local_limit_of_the_presentation_provider()
    {
        var outcome = Rejected(new AssociationNegotiator(Policy()).Negotiate(Request(), new AssociationAdmission { StorageLow = true }));

        Assert.Equal(new AssociateRejectPdu(AssociateRejectResult.Transient, AssociateRejectSource.ServiceProviderPresentation, 2), outcome.Reject);
    }

    [Fact]
    public void Ae_title_checks_come_before_capacity_so_misconfigured_peers_learn_the_real_problem()
    {
        var outcome = Rejected(new AssociationNegotiator(Policy()).Negotiate(Request() with { CalledAETitle = "WRONG" }, new AssociationAdmission { AtAssociationLimit = true }));

        Assert.Equal(AssociateRejectPdu.CalledAETitleNotRecognized, outcome.Reject);
    }

    [Fact]
    public void A_requestor_that_can_receive_no_pdv_data_is_rejected_with_no_reason_given()
    {
        var rq = Request() with { UserInformation = new UserInformation { MaximumLength = 6 } };

        Assert.Equal(AssociateRejectPdu.NoReasonGiven(), Rejected(new AssociationNegotiator(Policy()).Negotiate(rq)).Reject);
    }

    // ---- presentation contexts --------------------------------------------------------------------------------

    [Fact]
    public void Each_context_is_accepted_or_rejected_with_its_own_reason()
    {
        var rq = Request(
            new PresentationContextRequest(1, Verification, [ImplicitLE]),
            new PresentationContextRequest(3, "1.2.840.10008.5.1.4.1.1.77.1.6", [ExplicitLE]),
            new PresentationContextRequest(5, CtImageStorage, [JpegLossless]));

        var outcome = Accepted(new AssociationNegotiator(Policy()).Negotiate(rq));

        Assert.Equal(
            [
                new PresentationContextResult(1, PresentationContextResultReason.Acceptance, ImplicitLE),
                new PresentationContextResult(3, PresentationContextResultReason.AbstractSyntaxNotSupported, ExplicitLE),
                new PresentationContextResult(5, PresentationContextResultReason.TransferSyntaxesNotSupported, JpegLossless),
            ],
            outcome.Accept.PresentationContexts);
        var accepted = Assert.Single(outcome.Association.PresentationContexts);
        Assert.Equal((1, Verification, ImplicitLE), (accepted.Id, accepted.AbstractSyntax, accepted.TransferSyntax.Uid));
    }

    [Fact]
    public void Our_preference_order_decides_among_the_proposed_transfer_syntaxes()
    {
        var rq = Request(new PresentationContextRequest(1, CtImageStorage, [ImplicitLE, JpegLossless, ExplicitLE]));

        var outcome = Accepted(new AssociationNegotiator(Policy()).Negotiate(rq));

        Assert.Equal(ExplicitLE, outcome.Accept.PresentationContexts[0].TransferSyntax);
    }

    [Fact]
    public void All_contexts_rejected_still_yields_an_accept_for_the_requestor_to_release()
    {
        var outcome = Accepted(new AssociationNegotiator(Policy()).Negotiate(Request(new PresentationContextRequest(1, "1.2.3.4", [ImplicitLE]))));

        Assert.Empty(outcome.Association.PresentationContexts);
    }

    [Fact]
    public void Accept_echoes_the_ae_titles_and_announces_our_limits_and_identity()
    {
        var outcome = Accepted(new AssociationNegotiator(Policy()).Negotiate(Request() with { CalledAETitle = "IMAGING2" }));

        Assert.Equal(("IMAGING2", "MODALITY1"), (outcome.Accept.CalledAETitle, outcome.Accept.CallingAETitle));
        var ui = outcome.Accept.UserInformation;
        Assert.Equal(32768u, ui.MaximumLength);
        Assert.Equal(DicomImplementation.ClassUid, ui.ImplementationClassUid);
        Assert.Equal(DicomImplementation.VersionName, ui.ImplementationVersionName);
        Assert.Null(ui.AsynchronousOperationsWindow);
        Assert.Empty(ui.RoleSelections);
        Assert.Empty(ui.ExtendedNegotiations);
        Assert.Null(ui.UserIdentityResponse);
        Assert.Equal(16384u, outcome.Association.PeerMaximumLength);
        Assert.Equal(32768u, outcome.Association.OwnMaximumLength);
        Assert.Equal("PEER", outcome.Association.PeerImplementationVersionName);
    }

    // ---- role selection ---------------------------------------------------------------------------------------

    private static AssociateRequestPdu WithRoles(params RoleSelection[] roles)
    {
        var rq = Request(new PresentationContextRequest(1, CtImageStorage, [ExplicitLE]), new PresentationContextRequest(3, Verification, [ImplicitLE]));
        return rq with { UserInformation = rq.UserInformation with { RoleSelections = roles } };
    }

    [Fact]
    public void Proposed_scp_role_is_granted_only_for_classes_the_policy_lets_the_requestor_perform()
    {
        var policy = Policy() with { RequestorScpAbstractSyntaxes = [CtImageStorage] };

        var outcome = Accepted(new AssociationNegotiator(policy).Negotiate(WithRoles(new RoleSelection(CtImageStorage, true, true), new RoleSelection(Verification, true, true))));

        Assert.Equal([new RoleSelection(CtImageStorage, true, true), new RoleSelection(Verification, true, false)], outcome.Accept.UserInformation.RoleSelections);
        var ct = outcome.Association.FindPresentationContext(1)!;
        Assert.True(ct.RequestorIsScu && ct.RequestorIsScp);
        var echo = outcome.Association.FindPresentationContext(3)!;
        Assert.True(echo.RequestorIsScu && !echo.RequestorIsScp);
    }

    [Fact]
    public void A_role_that_was_not_proposed_is_never_granted()
    {
        var policy = Policy() with { RequestorScpAbstractSyntaxes = [CtImageStorage] };

        var outcome = Accepted(new AssociationNegotiator(policy).Negotiate(WithRoles(new RoleSelection(CtImageStorage, true, false))));

        Assert.Equal(new RoleSelection(CtImageStorage, true, false), Assert.Single(outcome.Accept.UserInformation.RoleSelections));
    }

    [Fact]
    public void A_context_left_with_no_role_for_the_requestor_is_rejected_by_the_user()
    {
        var outcome = Accepted(new AssociationNegotiator(Policy()).Negotiate(WithRoles(new RoleSelection(CtImageStorage, false, true))));

        Assert.Equal(new RoleSelection(CtImageStorage, false, false), Assert.Single(outcome.Accept.UserInformation.RoleSelections));
        Assert.Equal(PresentationContextResultReason.UserRejection, outcome.Accept.PresentationContexts[0].Result);
        Assert.Null(outcome.Association.FindPresentationContext(1));
    }

    [Fact]
    public void Without_role_selection_support_the_items_are_ignored_and_default_roles_apply()
    {
        var policy = Policy() with { SupportsRoleSelection = false, RequestorScpAbstractSyntaxes = [CtImageStorage] };

        var outcome = Accepted(new AssociationNegotiator(policy).Negotiate(WithRoles(new RoleSelection(CtImageStorage, false, true))));

        Assert.Empty(outcome.Accept.UserInformation.RoleSelections);
        var ct = outcome.Association.FindPresentationContext(1)!;
        Assert.True(ct.RequestorIsScu && !ct.RequestorIsScp);
    }

    [Fact]
    public void On_a_context_where_the_requestor_is_the_scp_its_transfer_syntax_order_decides_and_elsewhere_ours_does()
    {
        var policy = Policy() with
        {
            AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>> { [CtImageStorage] = [ExplicitLE, ImplicitLE, JpegLossless] },
            RequestorScpAbstractSyntaxes = [CtImageStorage],
        };
        // The same proposal, compressed first, once as a C-GET receiver (SCP role) and once as a plain sender.
        var receiving = Request(new PresentationContextRequest(1, CtImageStorage, [JpegLossless, ExplicitLE]));
        receiving = receiving with { UserInformation = receiving.UserInformation with { RoleSelections = [new RoleSelection(CtImageStorage, false, true)] } };
        var sending = Request(new PresentationContextRequest(1, CtImageStorage, [JpegLossless, ExplicitLE]));

        var asScp = Accepted(new AssociationNegotiator(policy).Negotiate(receiving)).Association.FindPresentationContext(1)!;
        var asScu = Accepted(new AssociationNegotiator(policy).Negotiate(sending)).Association.FindPresentationContext(1)!;

        Assert.True(asScp.RequestorIsScp);
        Assert.Equal(JpegLossless, asScp.TransferSyntax.Uid);
        Assert.False(asScu.RequestorIsScp);
        Assert.Equal(ExplicitLE, asScu.TransferSyntax.Uid);
    }

    // ---- asynchronous operations, extended negotiation --------------------------------------------------------

    [Theory]
    [InlineData(10, 0)]  // invokes 10, performs unlimited
    [InlineData(0, 0)]   // unlimited both ways
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    public void A_proposed_asynchronous_window_is_answered_one_by_one_in_the_accept_and_the_association(int invoked, int performed)
    {
        var rq = Request();
        var asked = rq with { UserInformation = rq.UserInformation with { AsynchronousOperationsWindow = new AsynchronousOperationsWindow((ushort)invoked, (ushort)performed) } };

        var outcome = Accepted(new AssociationNegotiator(Policy()).Negotiate(asked));

        Assert.Equal(AsynchronousOperationsWindow.Synchronous, outcome.Accept.UserInformation.AsynchronousOperationsWindow);
        Assert.Equal(AsynchronousOperationsWindow.Synchronous, outcome.Association.AsynchronousOperations);
    }

    [Fact]
    public void The_asynchronous_window_answer_is_encoded_as_item_0x53_with_one_and_one()
    {
        var rq = Request();
        var asked = rq with { UserInformation = rq.UserInformation with { AsynchronousOperationsWindow = new AsynchronousOperationsWindow(8, 8) } };

        var bytes = PduWriter.ToArray(Accepted(new AssociationNegotiator(Policy()).Negotiate(asked)).Accept);

        // PS3.7 Table D.3-8: item type 53H, reserved, item length 4, then invoked and performed as big-endian 16-bit values.
        byte[] item = [0x53, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x01];
        Assert.True(bytes.AsSpan().IndexOf(item) > 0, Convert.ToHexString(bytes));
    }

    [Fact]
    public void No_asynchronous_window_is_answered_when_none_was_proposed()
    {
        var outcome = Accepted(new AssociationNegotiator(Policy()).Negotiate(Request()));

        Assert.Null(outcome.Accept.UserInformation.AsynchronousOperationsWindow);
        Assert.Equal(AsynchronousOperationsWindow.Synchronous, outcome.Association.AsynchronousOperations);
    }

    private static AssociateRequestPdu WithExtendedNegotiation()
    {
        var rq = Request(new PresentationContextRequest(1, StudyRootFind, [ExplicitLE]));
        return rq with
        {
            UserInformation = rq.UserInformation with
            {
                ExtendedNegotiations =
                [
                    new SopClassExtendedNegotiation(StudyRootFind, new byte[] { 1, 1, 1 }),
                    new SopClassExtendedNegotiation("1.2.840.10008.5.1.4.1.2.1.1", new byte[] { 1 }),
                ],
                CommonExtendedNegotiations = [new SopClassCommonExtendedNegotiation(StudyRootFind, "1.2.840.10008.4.1", [])],
            },
        };
    }

    [Fact]
    public void Extended_negotiation_items_are_omitted_when_the_policy_supports_none()
    {
        var outcome = Accepted(new AssociationNegotiator(Policy()).Negotiate(WithExtendedNegotiation()));

        Assert.Empty(outcome.Accept.UserInformation.ExtendedNegotiations);
        Assert.Single(outcome.Association.CommonExtendedNegotiations);
    }

    [Fact]
    public void Extended_negotiation_is_answered_only_for_accepted_classes_and_with_what_we_support()
    {
        var asked = new List<string>();
        var policy = Policy() with
        {
            ExtendedNegotiation = (sopClass, requested) =>
            {
                asked.Add(sopClass);
                return new byte[] { requested.Span[0], 0, 0 }; // relational retrieval yes, the rest no
            },
        };

        var outcome = Accepted(new AssociationNegotiator(policy).Negotiate(WithExtendedNegotiation()));

        Assert.Equal([StudyRootFind], asked);
        var reply = Assert.Single(outcome.Accept.UserInformation.ExtendedNegotiations);
        Assert.Equal([1, 0, 0], reply.ServiceClassApplicationInformation.ToArray());
        Assert.Equal([reply], outcome.Association.ExtendedNegotiations);
    }

    // ---- user identity ----------------------------------------------------------------------------------------

    private static AssociateRequestPdu WithIdentity(UserIdentityRequest identity)
    {
        var rq = Request();
        return rq with { UserInformation = rq.UserInformation with { UserIdentityRequest = identity } };
    }

    private static AssociationPolicy PolicyWithCredentials(bool required = false) => Policy() with
    {
        UserIdentityValidator = PasscodeUserIdentityValidator.Create(new Dictionary<string, string> { ["radiology"] = "s3cret" }),
        RequireUserIdentity = required,
    };

    [Fact]
    public void Correct_username_and_passcode_is_accepted_with_an_empty_positive_response_when_asked()
    {
        var outcome = Accepted(new AssociationNegotiator(PolicyWithCredentials()).Negotiate(
            WithIdentity(UserIdentityRequest.ForUsernameAndPasscode("radiology", "s3cret", positiveResponseRequested: true))));

        Assert.Equal(0, outcome.Accept.UserInformation.UserIdentityResponse!.ServerResponse.Length);
        Assert.Equal("radiology", outcome.Association.UserIdentity!.Username);
    }

    [Fact]
    public void Accepted_identity_gets_no_response_item_unless_one_was_requested()
    {
        var outcome = Accepted(new AssociationNegotiator(PolicyWithCredentials()).Negotiate(
            WithIdentity(UserIdentityRequest.ForUsernameAndPasscode("radiology", "s3cret"))));

        Assert.Null(outcome.Accept.UserInformation.UserIdentityResponse);
    }

    [Theory]
    [InlineData("radiology", "wrong")]
    [InlineData("nobody", "s3cret")]
    [InlineData("radiology", "s3cret ")]
    public void Wrong_credentials_are_rejected_with_no_reason_given(string username, string passcode)
    {
        var outcome = Rejected(new AssociationNegotiator(PolicyWithCredentials()).Negotiate(
            WithIdentity(UserIdentityRequest.ForUsernameAndPasscode(username, passcode))));

        Assert.Equal(new AssociateRejectPdu(AssociateRejectResult.Permanent, AssociateRejectSource.ServiceUser, 1), outcome.Reject);
        Assert.DoesNotContain(passcode, outcome.Explanation);
    }

    [Fact]
    public void Identity_types_the_configuration_cannot_check_are_rejected()
    {
        var outcome = Rejected(new AssociationNegotiator(PolicyWithCredentials()).Negotiate(
            WithIdentity(UserIdentityRequest.ForToken(UserIdentityType.JsonWebToken, Encoding.ASCII.GetBytes("eyJ...")))));

        Assert.Equal(AssociateRejectPdu.NoReasonGiven(), outcome.Reject);
    }

    [Fact]
    public void Missing_identity_is_rejected_only_when_the_policy_requires_one()
    {
        Accepted(new AssociationNegotiator(PolicyWithCredentials()).Negotiate(Request()));
        Rejected(new AssociationNegotiator(PolicyWithCredentials(required: true)).Negotiate(Request()));
    }

    [Fact]
    public void Without_a_validator_identities_are_ignored_as_by_an_acceptor_without_support()
    {
        var outcome = Accepted(new AssociationNegotiator(Policy()).Negotiate(
            WithIdentity(UserIdentityRequest.ForUsername("anyone", positiveResponseRequested: true))));

        Assert.Null(outcome.Accept.UserInformation.UserIdentityResponse);
        Assert.Null(outcome.Association.UserIdentity);
    }

    [Fact]
    public void Token_validators_can_send_a_server_response()
    {
        var policy = Policy() with { UserIdentityValidator = _ => UserIdentityVerdict.AcceptedWithResponse(Encoding.ASCII.GetBytes("server-ticket")) };

        var outcome = Accepted(new AssociationNegotiator(policy).Negotiate(
            WithIdentity(UserIdentityRequest.ForToken(UserIdentityType.KerberosServiceTicket, new byte[] { 1, 2, 3 }, positiveResponseRequested: true))));

        Assert.Equal("server-ticket", Encoding.ASCII.GetString(outcome.Accept.UserInformation.UserIdentityResponse!.ServerResponse.Span));
    }

    [Fact]
    public void The_accept_survives_encoding_and_decoding()
    {
        var policy = PolicyWithCredentials() with { RequestorScpAbstractSyntaxes = [CtImageStorage] };
        var rq = WithRoles(new RoleSelection(CtImageStorage, true, true));
        rq = rq with { UserInformation = rq.UserInformation with { UserIdentityRequest = UserIdentityRequest.ForUsernameAndPasscode("radiology", "s3cret", true) } };

        var outcome = Accepted(new AssociationNegotiator(policy).Negotiate(Assert.IsType<AssociateRequestPdu>(Read(PduWriter.ToArray(rq)))));
        var bytes = PduWriter.ToArray(outcome.Accept);

        Assert.Equal(bytes, PduWriter.ToArray(Read(bytes)));
    }
}
