using System.Net;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;
using Imaging.Gateway;

namespace Imaging.Gateway.Tests;

/// <summary>Admission decisions from the gateway's settings: calling host, disk watermark, and which services an AE
/// is offered.</summary>
public sealed class GatewayAccessControlTests
{
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    private static readonly AssociationPolicy Policy = new()
    {
        CalledAETitles = ["IMAGING"],
        AbstractSyntaxes = StandardAbstractSyntaxes.VerificationAndStorage(),
    };

    private static AssociateRequestPdu Request(string callingAe) => new(
        "IMAGING", callingAe,
        [
            new PresentationContextRequest(1, DicomUids.Verification.Uid, ["1.2.840.10008.1.2"]),
            new PresentationContextRequest(3, CtImageStorage, ["1.2.840.10008.1.2"]),
        ],
        UserInformation.ForThisImplementation(16384));

    private static GatewayAccessControl Control(GatewayOptions options, long free = 1_000, long total = 10_000) =>
        new(options, Policy, "/data", _ => (free, total));

    [Fact]
    public void A_calling_ae_configured_with_hosts_is_admitted_only_from_those_hosts()
    {
        var control = Control(new GatewayOptions { CallingAes = [new CallingAeOptions { AeTitle = "CT1", Hosts = ["10.1.2.3"] }] });

        Assert.True(control.Admit(Request("CT1"), new IPEndPoint(IPAddress.Parse("10.1.2.3"), 4000)).CallingHostAllowed);
        Assert.True(control.Admit(Request("CT1"), new IPEndPoint(IPAddress.Parse("::ffff:10.1.2.3"), 4000)).CallingHostAllowed);
        Assert.False(control.Admit(Request("CT1"), new IPEndPoint(IPAddress.Parse("10.9.9.9"), 4000)).CallingHostAllowed);
    }

    [Fact]
    public void Free_space_below_either_watermark_marks_storage_low()
    {
        Assert.True(Control(new GatewayOptions { DiskWatermark = { MinimumFreeBytes = 2_000 } }).Admit(Request("X"), null).StorageLow);
        Assert.True(Control(new GatewayOptions { DiskWatermark = { MinimumFreePercent = 20 } }).Admit(Request("X"), null).StorageLow);
        Assert.False(Control(new GatewayOptions { DiskWatermark = { MinimumFreeBytes = 500, MinimumFreePercent = 5 } }).Admit(Request("X"), null).StorageLow);
        Assert.False(Control(new GatewayOptions()).Admit(Request("X"), null).StorageLow);
    }

    [Fact]
    public void Unreadable_free_space_counts_as_low_when_a_watermark_is_set()
    {
        var control = new GatewayAccessControl(new GatewayOptions { DiskWatermark = { MinimumFreeBytes = 1 } }, Policy, "/data",
            _ => throw new IOException("gone"));

        Assert.True(control.Admit(Request("X"), null).StorageLow);
    }

    [Fact]
    public void An_ae_without_store_permission_has_its_storage_contexts_refused()
    {
        var control = Control(new GatewayOptions
        {
            CallingAes =
            [
                new CallingAeOptions { AeTitle = "VIEWER", Permissions = ["find"] },
                new CallingAeOptions { AeTitle = "CT1", Permissions = ["store"] },
            ],
        });

        var viewer = Assert.IsType<AssociationAccepted>(control.NegotiatorFor(Request("VIEWER")).Negotiate(Request("VIEWER")));
        var ct = Assert.IsType<AssociationAccepted>(control.NegotiatorFor(Request("CT1")).Negotiate(Request("CT1")));

        Assert.Equal([DicomUids.Verification.Uid], viewer.Association.PresentationContexts.Select(c => c.AbstractSyntax));
        Assert.Equal(PresentationContextResultReason.AbstractSyntaxNotSupported, viewer.Accept.PresentationContexts.Single(c => c.Id == 3).Result);
        Assert.Equal([DicomUids.Verification.Uid, CtImageStorage], ct.Association.PresentationContexts.Select(c => c.AbstractSyntax));
    }

    [Fact]
    public void Query_retrieve_contexts_are_accepted_only_for_the_services_an_ae_is_permitted()
    {
        var policy = Policy with
        {
            AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>>(Policy.AbstractSyntaxes)
            {
                [DicomUids.StudyRootQueryRetrieveInformationModelFind.Uid] = ["1.2.840.10008.1.2"],
                [DicomUids.StudyRootQueryRetrieveInformationModelMove.Uid] = ["1.2.840.10008.1.2"],
                [DicomUids.StudyRootQueryRetrieveInformationModelGet.Uid] = ["1.2.840.10008.1.2"],
            },
        };
        var control = new GatewayAccessControl(new GatewayOptions
        {
            CallingAes =
            [
                new CallingAeOptions { AeTitle = "VIEWER", Permissions = ["find", "get"] },
                new CallingAeOptions { AeTitle = "ROUTER", Permissions = ["move"] },
            ],
        }, policy, "/data", _ => (1_000, 10_000));
        AssociateRequestPdu QueryRequest(string callingAe) => new(
            "IMAGING", callingAe,
            [
                new PresentationContextRequest(1, DicomUids.StudyRootQueryRetrieveInformationModelFind.Uid, ["1.2.840.10008.1.2"]),
                new PresentationContextRequest(3, DicomUids.StudyRootQueryRetrieveInformationModelMove.Uid, ["1.2.840.10008.1.2"]),
                new PresentationContextRequest(5, DicomUids.StudyRootQueryRetrieveInformationModelGet.Uid, ["1.2.840.10008.1.2"]),
                new PresentationContextRequest(7, CtImageStorage, ["1.2.840.10008.1.2"]),
            ],
            UserInformation.ForThisImplementation(16384));

        var viewer = Assert.IsType<AssociationAccepted>(control.NegotiatorFor(QueryRequest("VIEWER")).Negotiate(QueryRequest("VIEWER")));
        var router = Assert.IsType<AssociationAccepted>(control.NegotiatorFor(QueryRequest("ROUTER")).Negotiate(QueryRequest("ROUTER")));

        Assert.Equal([DicomUids.StudyRootQueryRetrieveInformationModelFind.Uid, DicomUids.StudyRootQueryRetrieveInformationModelGet.Uid],
            viewer.Association.PresentationContexts.Select(c => c.AbstractSyntax));
        Assert.Equal([DicomUids.StudyRootQueryRetrieveInformationModelMove.Uid], router.Association.PresentationContexts.Select(c => c.AbstractSyntax));
        Assert.Equal(PresentationContextResultReason.AbstractSyntaxNotSupported, router.Accept.PresentationContexts.Single(c => c.Id == 1).Result);
        Assert.Equal(GatewayAccessControl.All, Control(new GatewayOptions()).PermissionsOf("ANYONE"));
    }
}
