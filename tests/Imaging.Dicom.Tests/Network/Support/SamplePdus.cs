using System.Buffers;
using System.Text;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>PDUs that exercise every field and sub-item the codec knows.</summary>
internal static class SamplePdus
{
    public const string Verification = "1.2.840.10008.1.1";
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const string StudyRootFind = "1.2.840.10008.5.1.4.1.2.2.1";
    public const string StorageServiceClass = "1.2.840.10008.4.2";
    public const string ImplicitLE = "1.2.840.10008.1.2";
    public const string ExplicitLE = "1.2.840.10008.1.2.1";
    public const string JpegLossless = "1.2.840.10008.1.2.4.70";

    public static AssociateRequestPdu FullRequest() => new(
        "IMAGING",
        "MODALITY1",
        [
            new PresentationContextRequest(1, Verification, [ImplicitLE]),
            new PresentationContextRequest(3, CtImageStorage, [JpegLossless, ExplicitLE, ImplicitLE]),
            new PresentationContextRequest(5, StudyRootFind, [ExplicitLE]),
        ],
        new UserInformation
        {
            MaximumLength = 16384,
            ImplementationClassUid = "1.2.276.0.7230010.3.0.3.6.7",
            ImplementationVersionName = "OFFIS_DCMTK_367",
            AsynchronousOperationsWindow = new AsynchronousOperationsWindow(5, 3),
            RoleSelections = [new RoleSelection(CtImageStorage, true, true)],
            ExtendedNegotiations = [new SopClassExtendedNegotiation(StudyRootFind, new byte[] { 1, 1, 0 })],
            CommonExtendedNegotiations = [new SopClassCommonExtendedNegotiation(CtImageStorage, StorageServiceClass, ["1.2.840.10008.5.1.4.1.1.2.1", "1.2.3"])],
            UserIdentityRequest = UserIdentityRequest.ForUsernameAndPasscode("radiology", "s3cret", positiveResponseRequested: true),
        });

    public static AssociateAcceptPdu FullAccept() => new(
        "IMAGING",
        "MODALITY1",
        [
            new PresentationContextResult(1, PresentationContextResultReason.Acceptance, ImplicitLE),
            new PresentationContextResult(3, PresentationContextResultReason.TransferSyntaxesNotSupported, JpegLossless),
            new PresentationContextResult(5, PresentationContextResultReason.AbstractSyntaxNotSupported, ""),
        ],
        new UserInformation
        {
            MaximumLength = 65536,
            ImplementationClassUid = DicomImplementation.ClassUid,
            ImplementationVersionName = DicomImplementation.VersionName,
            AsynchronousOperationsWindow = AsynchronousOperationsWindow.Synchronous,
            RoleSelections = [new RoleSelection(CtImageStorage, true, false)],
            ExtendedNegotiations = [new SopClassExtendedNegotiation(StudyRootFind, new byte[] { 1, 0, 0 })],
            UserIdentityResponse = new UserIdentityResponse(Encoding.ASCII.GetBytes("ticket")),
        });

    public static DataTransferPdu TwoPdvs() => new(
    [
        new PresentationDataValue(1, isCommand: true, isLastFragment: true, new ReadOnlySequence<byte>([1, 2, 3, 4])),
        new PresentationDataValue(3, isCommand: false, isLastFragment: false, new ReadOnlySequence<byte>(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray())),
    ]);

    /// <summary>One of each PDU type.</summary>
    public static IEnumerable<Pdu> All() =>
    [
        FullRequest(),
        FullAccept(),
        AssociateRejectPdu.CalledAETitleNotRecognized,
        TwoPdvs(),
        ReleaseRequestPdu.Instance,
        ReleaseResponsePdu.Instance,
        new AbortPdu(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue),
    ];

    public static readonly PduReaderLimits Limits = new(65536);

    /// <summary>Parses exactly one PDU that fills <paramref name="bytes"/>.</summary>
    public static Pdu Read(byte[] bytes, PduReaderLimits? limits = null) => Read(new ReadOnlySequence<byte>(bytes), limits);

    public static Pdu Read(ReadOnlySequence<byte> sequence, PduReaderLimits? limits = null)
    {
        Assert.True(PduReader.TryReadPdu(ref sequence, limits ?? Limits, out var pdu));
        Assert.True(sequence.IsEmpty);
        return pdu;
    }
}
