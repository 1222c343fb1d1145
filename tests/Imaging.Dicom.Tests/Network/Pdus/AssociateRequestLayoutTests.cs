using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>The encoder against PS3.8 9.3.2 and PS3.7 D.3.3 laid out by hand, byte by byte.</summary>
public class AssociateRequestLayoutTests
{
    private static byte[] Ascii(string s) => s.Select(c => (byte)c).ToArray();

    private static byte[] Padded(string title) => Ascii(title.PadRight(16, ' '));

    private static byte[] HandBuiltRequest() =>
    [
        0x01, 0x00,                         // PDU type A-ASSOCIATE-RQ, reserved
        0x00, 0x00, 0x00, 0xAA,             // PDU length 170 = 68 fixed + 25 + 50 + 27
        0x00, 0x01,                         // protocol version 1 (bit 0)
        0x00, 0x00,                         // reserved
        .. Padded("IMAGING"),               // called AE title, 16 bytes space-padded
        .. Padded("ECHOSCU"),               // calling AE title
        .. new byte[32],                    // reserved
        // Application context item: 21 bytes of UID
        0x10, 0x00, 0x00, 0x15, .. Ascii("1.2.840.10008.3.1.1.1"),
        // Presentation context item: ID 1, then abstract syntax and one transfer syntax sub-item (4 + 21 + 21 = 46)
        0x20, 0x00, 0x00, 0x2E, 0x01, 0x00, 0x00, 0x00,
        0x30, 0x00, 0x00, 0x11, .. Ascii("1.2.840.10008.1.1"),
        0x40, 0x00, 0x00, 0x11, .. Ascii("1.2.840.10008.1.2"),
        // User information item: 8 + 9 + 6 = 23
        0x50, 0x00, 0x00, 0x17,
        0x51, 0x00, 0x00, 0x04, 0x00, 0x00, 0x40, 0x00,   // maximum length 16384
        0x52, 0x00, 0x00, 0x05, .. Ascii("1.2.3"),        // implementation class UID
        0x55, 0x00, 0x00, 0x02, .. Ascii("V1"),           // implementation version name
    ];

    private static AssociateRequestPdu SmallRequest() => new(
        "IMAGING",
        "ECHOSCU",
        [new PresentationContextRequest(1, "1.2.840.10008.1.1", ["1.2.840.10008.1.2"])],
        new UserInformation { MaximumLength = 16384, ImplementationClassUid = "1.2.3", ImplementationVersionName = "V1" });

    [Fact]
    public void Small_request_encodes_to_the_bytes_ps3_8_prescribes()
    {
        Assert.Equal(HandBuiltRequest(), PduWriter.ToArray(SmallRequest()));
    }

    [Fact]
    public void Hand_built_request_decodes_to_the_same_fields()
    {
        var rq = Assert.IsType<AssociateRequestPdu>(SamplePdus.Read(HandBuiltRequest()));

        Assert.Equal(SmallRequest().CalledAETitle, rq.CalledAETitle);
        Assert.Equal(SmallRequest().CallingAETitle, rq.CallingAETitle);
        var pc = Assert.Single(rq.PresentationContexts);
        Assert.Equal((1, "1.2.840.10008.1.1"), (pc.Id, pc.AbstractSyntax));
        Assert.Equal(["1.2.840.10008.1.2"], pc.TransferSyntaxes);
        Assert.Equal(16384u, rq.UserInformation.MaximumLength);
        Assert.Equal("1.2.3", rq.UserInformation.ImplementationClassUid);
        Assert.Equal("V1", rq.UserInformation.ImplementationVersionName);
        Assert.Null(rq.UserInformation.AsynchronousOperationsWindow);
        Assert.Empty(rq.UserInformation.RoleSelections);
    }

    [Fact]
    public void Ae_titles_lose_leading_and_trailing_padding_when_read()
    {
        var bytes = HandBuiltRequest();
        Padded("  IMAGING").CopyTo(bytes, 10);

        var rq = Assert.IsType<AssociateRequestPdu>(SamplePdus.Read(bytes));

        Assert.Equal("IMAGING", rq.CalledAETitle);
    }

    [Fact]
    public void Uids_padded_with_a_trailing_nul_read_without_it()
    {
        var rq = new AssociateRequestPdu("IMAGING", "ECHOSCU",
            [new PresentationContextRequest(1, "1.2.840.10008.1.1\0", ["1.2.840.10008.1.2\0"])],
            new UserInformation { MaximumLength = 16384, ImplementationClassUid = "1.2.3\0" });

        var read = Assert.IsType<AssociateRequestPdu>(SamplePdus.Read(PduWriter.ToArray(rq)));

        Assert.Equal("1.2.840.10008.1.1", read.PresentationContexts[0].AbstractSyntax);
        Assert.Equal("1.2.840.10008.1.2", read.PresentationContexts[0].TransferSyntaxes[0]);
        Assert.Equal("1.2.3", read.UserInformation.ImplementationClassUid);
    }
}
