using System.Buffers;
using System.Buffers.Binary;

namespace Imaging.Dicom.Network;

/// <summary>Encodes PDUs exactly as PS3.8 Section 9.3 lays them out (big-endian lengths, AE titles space-padded to 16).</summary>
/// <remarks>Association PDUs are measured first and written into one span; P-DATA-TF fragments are copied straight from
/// the caller's buffer into the output, so sending a data set costs no intermediate copies.</remarks>
public static class PduWriter
{
    /// <summary>PDU type, reserved byte and the 32-bit PDU length.</summary>
    public const int PduHeaderLength = 6;

    /// <summary>Item length (4), presentation context ID (1) and message control header (1) in front of every PDV.</summary>
    public const int PdvHeaderLength = 6;

    /// <summary>Everything in front of the fragment bytes of a P-DATA-TF PDU that carries one PDV.</summary>
    public const int SinglePdvOverhead = PduHeaderLength + PdvHeaderLength;

    private const int AETitleLength = 16;
    private const int AssociationFixedLength = 68; // version, reserved, two AE titles, 32 reserved bytes

    public static void Write(IBufferWriter<byte> output, Pdu pdu)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (pdu)
        {
            case AssociateRequestPdu rq:
                WriteAssociateRequest(output, rq);
                break;
            case AssociateAcceptPdu ac:
                WriteAssociateAccept(output, ac);
                break;
            case AssociateRejectPdu rj:
                WriteFixed(output, PduType.AssociateReject, 0, (byte)rj.Result, (byte)rj.Source, rj.Reason);
                break;
            case DataTransferPdu data:
                WriteDataTransfer(output, data);
                break;
            case ReleaseRequestPdu:
                WriteFixed(output, PduType.ReleaseRequest, 0, 0, 0, 0);
                break;
            case ReleaseResponsePdu:
                WriteFixed(output, PduType.ReleaseResponse, 0, 0, 0, 0);
                break;
            case AbortPdu abort:
                WriteFixed(output, PduType.Abort, 0, 0, (byte)abort.Source, (byte)abort.Reason);
                break;
            default:
                throw new ArgumentException($"Unknown PDU {pdu?.GetType().Name ?? "null"}.", nameof(pdu));
        }
    }

    /// <summary>The PDU's bytes in a new array (tests, logging; the network path writes to a pipe instead).</summary>
    public static byte[] ToArray(Pdu pdu)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, pdu);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a P-DATA-TF PDU holding a single PDV: the shape <see cref="PdvFragmenter"/> sends.</summary>
    public static void WriteDataTransfer(IBufferWriter<byte> output, byte presentationContextId, bool isCommand, bool isLastFragment, ReadOnlySpan<byte> fragment)
    {
        CheckPresentationContextId(presentationContextId);
        WriteSinglePdvHeader(output.GetSpan(SinglePdvOverhead), presentationContextId, isCommand, isLastFragment, fragment.Length);
        output.Advance(SinglePdvOverhead);
        output.Write(fragment);
    }

    /// <summary>Fills the first <see cref="SinglePdvOverhead"/> bytes of <paramref name="destination"/> for a one-PDV
    /// P-DATA-TF whose fragment (of <paramref name="fragmentLength"/> bytes) follows directly.</summary>
    internal static void WriteSinglePdvHeader(Span<byte> destination, byte presentationContextId, bool isCommand, bool isLastFragment, int fragmentLength)
    {
        destination[0] = (byte)PduType.DataTransfer;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)(PdvHeaderLength + fragmentLength));
        BinaryPrimitives.WriteUInt32BigEndian(destination[6..], (uint)(2 + fragmentLength));
        destination[10] = presentationContextId;
        destination[11] = PresentationDataValue.ToMessageControlHeader(isCommand, isLastFragment);
    }

    private static void WriteDataTransfer(IBufferWriter<byte> output, DataTransferPdu pdu)
    {
        if (pdu.Values.Count == 0) throw new ArgumentException("A P-DATA-TF PDU carries at least one PDV.", nameof(pdu));
        long length = 0;
        foreach (var pdv in pdu.Values)
        {
            CheckPresentationContextId(pdv.PresentationContextId);
            length += PdvHeaderLength + pdv.Data.Length;
        }
        if (length > uint.MaxValue) throw new ArgumentException("The PDVs do not fit in one PDU.", nameof(pdu));

        var header = output.GetSpan(PduHeaderLength);
        header[0] = (byte)PduType.DataTransfer;
        header[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[2..], (uint)length);
        output.Advance(PduHeaderLength);
        foreach (var pdv in pdu.Values)
        {
            var item = output.GetSpan(PdvHeaderLength);
            BinaryPrimitives.WriteUInt32BigEndian(item, (uint)(2 + pdv.Data.Length));
            item[4] = pdv.PresentationContextId;
            item[5] = pdv.MessageControlHeader;
            output.Advance(PdvHeaderLength);
            foreach (var segment in pdv.Data) output.Write(segment.Span);
        }
    }

    private static void WriteFixed(IBufferWriter<byte> output, PduType type, byte b7, byte b8, byte b9, byte b10)
    {
        var span = output.GetSpan(10);
        span[0] = (byte)type;
        span[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(span[2..], 4);
        span[6] = b7;
        span[7] = b8;
        span[8] = b9;
        span[9] = b10;
        output.Advance(10);
    }

    // ---- A-ASSOCIATE-RQ / -AC -------------------------------------------------------------------------------

    private static void WriteAssociateRequest(IBufferWriter<byte> output, AssociateRequestPdu rq)
    {
        if (rq.PresentationContexts.Count == 0) throw new ArgumentException("An A-ASSOCIATE-RQ proposes at least one presentation context.", nameof(rq));
        var variable = UidItemLength(rq.ApplicationContextName, "application context name");
        foreach (var pc in rq.PresentationContexts) variable += 4 + PresentationContextRequestLength(pc);
        variable += 4 + UserInformationLength(rq.UserInformation, isRequest: true);

        var w = BeginAssociation(output, PduType.AssociateRequest, rq.ProtocolVersion, rq.CalledAETitle, rq.CallingAETitle, variable, out var total);
        WriteUidItem(ref w, PduItemType.ApplicationContext, rq.ApplicationContextName);
        foreach (var pc in rq.PresentationContexts)
        {
            w.WriteItemHeader(PduItemType.PresentationContextRequest, PresentationContextRequestLength(pc));
            w.WriteByte(pc.Id);
            w.WriteZeros(3);
            WriteUidItem(ref w, PduItemType.AbstractSyntax, pc.AbstractSyntax);
            foreach (var ts in pc.TransferSyntaxes) WriteUidItem(ref w, PduItemType.TransferSyntax, ts);
        }
        WriteUserInformation(ref w, rq.UserInformation, isRequest: true);
        output.Advance(Finish(w, total));
    }

    private static void WriteAssociateAccept(IBufferWriter<byte> output, AssociateAcceptPdu ac)
    {
        var variable = UidItemLength(ac.ApplicationContextName, "application context name");
        foreach (var pc in ac.PresentationContexts) variable += 4 + PresentationContextResultLength(pc);
        variable += 4 + UserInformationLength(ac.UserInformation, isRequest: false);

        var w = BeginAssociation(output, PduType.AssociateAccept, ac.ProtocolVersion, ac.CalledAETitle, ac.CallingAETitle, variable, out var total);
        WriteUidItem(ref w, PduItemType.ApplicationContext, ac.ApplicationContextName);
        foreach (var pc in ac.PresentationContexts)
        {
            w.WriteItemHeader(PduItemType.PresentationContextAccept, PresentationContextResultLength(pc));
            w.WriteByte(pc.Id);
            w.WriteByte(0);
            w.WriteByte((byte)pc.Result);
            w.WriteByte(0);
            WriteUidItem(ref w, PduItemType.TransferSyntax, pc.TransferSyntax);
        }
        WriteUserInformation(ref w, ac.UserInformation, isRequest: false);
        output.Advance(Finish(w, total));
    }

    private static BigEndianSpanWriter BeginAssociation(IBufferWriter<byte> output, PduType type, ushort version, string called, string calling, long variableLength, out int total)
    {
        CheckAETitle(called, "called AE title");
        CheckAETitle(calling, "calling AE title");
        var pduLength = AssociationFixedLength + variableLength;
        if (pduLength > int.MaxValue - PduHeaderLength) throw new ArgumentException("The association PDU is too large to encode.");
        total = PduHeaderLength + (int)pduLength;
        var w = new BigEndianSpanWriter(output.GetSpan(total));
        w.WriteByte((byte)type);
        w.WriteByte(0);
        w.WriteUInt32((uint)pduLength);
        w.WriteUInt16(version);
        w.WriteZeros(2);
        WriteAETitle(ref w, called);
        WriteAETitle(ref w, calling);
        w.WriteZeros(32);
        return w;
    }

    private static int Finish(BigEndianSpanWriter w, int total) =>
        w.Position == total ? total : throw new InvalidOperationException($"PDU length mismatch: measured {total}, wrote {w.Position}.");

    private static void WriteAETitle(ref BigEndianSpanWriter w, string title)
    {
        w.WriteAscii(title);
        for (var i = title.Length; i < AETitleLength; i++) w.WriteByte((byte)' ');
    }

    private static void CheckAETitle(string title, string what)
    {
        ArgumentNullException.ThrowIfNull(title, what);
        if (title.Length > AETitleLength) throw new ArgumentException($"The {what} '{title}' is longer than 16 characters.");
        foreach (var c in title)
        {
            // ISO 646 G0 without control characters; backslash is the value delimiter of AE values elsewhere in DICOM.
            if (c is < ' ' or > '~' or '\\') throw new ArgumentException($"The {what} '{title}' contains a character AE titles cannot carry.");
        }
    }

    internal static void CheckPresentationContextId(byte id)
    {
        if ((id & 1) == 0) throw new ArgumentOutOfRangeException(nameof(id), id, "Presentation context IDs are odd numbers 1-255.");
    }

    private static int AsciiLength(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text, what);
        foreach (var c in text)
        {
            if (c > 0x7F) throw new ArgumentException($"The {what} '{text}' is not ASCII.");
        }
        return text.Length;
    }

    private static int CheckItemLength(long length, string what) =>
        length <= ushort.MaxValue ? (int)length : throw new ArgumentException($"The {what} item is {length} bytes; items hold at most 65535.");

    private static int UidItemLength(string uid, string what) => 4 + CheckItemLength(AsciiLength(uid, what), what);

    private static void WriteUidItem(ref BigEndianSpanWriter w, byte itemType, string uid)
    {
        w.WriteItemHeader(itemType, uid.Length);
        w.WriteAscii(uid);
    }

    private static int PresentationContextRequestLength(PresentationContextRequest pc)
    {
        CheckPresentationContextId(pc.Id);
        if (pc.TransferSyntaxes.Count == 0) throw new ArgumentException($"Presentation context {pc.Id} proposes no transfer syntax.");
        long length = 4 + UidItemLength(pc.AbstractSyntax, "abstract syntax");
        foreach (var ts in pc.TransferSyntaxes) length += UidItemLength(ts, "transfer syntax");
        return CheckItemLength(length, "presentation context");
    }

    private static int PresentationContextResultLength(PresentationContextResult pc)
    {
        CheckPresentationContextId(pc.Id);
        return 4 + UidItemLength(pc.TransferSyntax, "transfer syntax");
    }

    // ---- user information --------------------------------------------------------------------------------------

    private static int UserInformationLength(UserInformation ui, bool isRequest)
    {
        long length = 0;
        if (ui.MaximumLength is not null) length += 8;
        if (ui.ImplementationClassUid is { } uid) length += UidItemLength(uid, "implementation class UID");
        if (ui.AsynchronousOperationsWindow is not null) length += 8;
        foreach (var role in ui.RoleSelections) length += 4 + RoleSelectionLength(role);
        if (ui.ImplementationVersionName is { } name)
        {
            if (name.Length is 0 or > 16) throw new ArgumentException($"The implementation version name '{name}' must be 1-16 characters.");
            length += UidItemLength(name, "implementation version name");
        }
        foreach (var ext in ui.ExtendedNegotiations) length += 4 + ExtendedNegotiationLength(ext);
        foreach (var common in ui.CommonExtendedNegotiations)
        {
            if (!isRequest) throw new ArgumentException("SOP Class Common Extended Negotiation exists only in an A-ASSOCIATE-RQ.");
            length += 4 + CommonExtendedNegotiationLength(common);
        }
        if (ui.UserIdentityRequest is { } identity)
        {
            if (!isRequest) throw new ArgumentException("A user identity request belongs in an A-ASSOCIATE-RQ.");
            length += 4 + UserIdentityRequestLength(identity);
        }
        if (ui.UserIdentityResponse is { } response)
        {
            if (isRequest) throw new ArgumentException("A user identity response belongs in an A-ASSOCIATE-AC.");
            length += 4 + CheckItemLength(2L + CheckFieldLength(response.ServerResponse.Length, "server response"), "user identity");
        }
        return CheckItemLength(length, "user information");
    }

    private static int CheckFieldLength(int length, string what) =>
        length <= ushort.MaxValue ? length : throw new ArgumentException($"The {what} is {length} bytes; the field holds at most 65535.");

    private static int RoleSelectionLength(RoleSelection role) =>
        CheckItemLength(2L + AsciiLength(role.SopClassUid, "SOP class UID") + 2, "SCP/SCU role selection");

    private static int ExtendedNegotiationLength(SopClassExtendedNegotiation ext) =>
        CheckItemLength(2L + AsciiLength(ext.SopClassUid, "SOP class UID") + ext.ServiceClassApplicationInformation.Length, "SOP class extended negotiation");

    private static int CommonExtendedNegotiationLength(SopClassCommonExtendedNegotiation common)
    {
        long related = 0;
        foreach (var uid in common.RelatedGeneralSopClassUids) related += 2 + AsciiLength(uid, "related general SOP class UID");
        CheckFieldLength((int)Math.Min(related, int.MaxValue), "related general SOP class identification");
        return CheckItemLength(2L + AsciiLength(common.SopClassUid, "SOP class UID") + 2 + AsciiLength(common.ServiceClassUid, "service class UID") + 2 + related,
            "SOP class common extended negotiation");
    }

    private static int UserIdentityRequestLength(UserIdentityRequest identity) =>
        CheckItemLength(2L + 2 + CheckFieldLength(identity.PrimaryField.Length, "primary field") + 2 + CheckFieldLength(identity.SecondaryField.Length, "secondary field"),
            "user identity");

    private static void WriteUserInformation(ref BigEndianSpanWriter w, UserInformation ui, bool isRequest)
    {
        // Ascending sub-item type order: PS3.8 9.3.2.3 warns that some older applications expect it.
        w.WriteItemHeader(PduItemType.UserInformation, UserInformationLength(ui, isRequest));
        if (ui.MaximumLength is { } max)
        {
            w.WriteItemHeader(PduItemType.MaximumLength, 4);
            w.WriteUInt32(max);
        }
        if (ui.ImplementationClassUid is { } uid) WriteUidItem(ref w, PduItemType.ImplementationClassUid, uid);
        if (ui.AsynchronousOperationsWindow is { } window)
        {
            w.WriteItemHeader(PduItemType.AsynchronousOperationsWindow, 4);
            w.WriteUInt16(window.MaximumOperationsInvoked);
            w.WriteUInt16(window.MaximumOperationsPerformed);
        }
        foreach (var role in ui.RoleSelections)
        {
            w.WriteItemHeader(PduItemType.RoleSelection, RoleSelectionLength(role));
            w.WriteUInt16((ushort)role.SopClassUid.Length);
            w.WriteAscii(role.SopClassUid);
            w.WriteByte(role.ScuRole ? (byte)1 : (byte)0);
            w.WriteByte(role.ScpRole ? (byte)1 : (byte)0);
        }
        if (ui.ImplementationVersionName is { } name) WriteUidItem(ref w, PduItemType.ImplementationVersionName, name);
        foreach (var ext in ui.ExtendedNegotiations)
        {
            w.WriteItemHeader(PduItemType.SopClassExtendedNegotiation, ExtendedNegotiationLength(ext));
            w.WriteUInt16((ushort)ext.SopClassUid.Length);
            w.WriteAscii(ext.SopClassUid);
            w.WriteBytes(ext.ServiceClassApplicationInformation.Span);
        }
        foreach (var common in ui.CommonExtendedNegotiations)
        {
            // Byte 2 of this sub-item is its version (0), not a reserved byte; WriteItemHeader writes 0 there.
            w.WriteItemHeader(PduItemType.SopClassCommonExtendedNegotiation, CommonExtendedNegotiationLength(common));
            w.WriteUInt16((ushort)common.SopClassUid.Length);
            w.WriteAscii(common.SopClassUid);
            w.WriteUInt16((ushort)common.ServiceClassUid.Length);
            w.WriteAscii(common.ServiceClassUid);
            var related = 0;
            foreach (var r in common.RelatedGeneralSopClassUids) related += 2 + r.Length;
            w.WriteUInt16((ushort)related);
            foreach (var r in common.RelatedGeneralSopClassUids)
            {
                w.WriteUInt16((ushort)r.Length);
                w.WriteAscii(r);
            }
        }
        if (ui.UserIdentityRequest is { } identity)
        {
            w.WriteItemHeader(PduItemType.UserIdentityRequest, UserIdentityRequestLength(identity));
            w.WriteByte((byte)identity.Type);
            w.WriteByte(identity.PositiveResponseRequested ? (byte)1 : (byte)0);
            w.WriteUInt16((ushort)identity.PrimaryField.Length);
            w.WriteBytes(identity.PrimaryField.Span);
            w.WriteUInt16((ushort)identity.SecondaryField.Length);
            w.WriteBytes(identity.SecondaryField.Span);
        }
        if (ui.UserIdentityResponse is { } response)
        {
            w.WriteItemHeader(PduItemType.UserIdentityResponse, 2 + response.ServerResponse.Length);
            w.WriteUInt16((ushort)response.ServerResponse.Length);
            w.WriteBytes(response.ServerResponse.Span);
        }
    }
}
