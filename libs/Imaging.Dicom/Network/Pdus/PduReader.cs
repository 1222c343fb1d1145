using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Imaging.Dicom.Network;

/// <summary>Parses PDUs from a receive buffer (a <see cref="System.IO.Pipelines.PipeReader"/>'s, typically) without
/// trusting the peer: every length is checked against its parent and against <see cref="PduReaderLimits"/>.</summary>
/// <remarks>
/// <para>Use it the way Kestrel parses frames: call <see cref="TryReadPdu"/> in a loop on the buffer from ReadAsync;
/// on false, AdvanceTo(buffer.Start, buffer.End) and read more; on true, handle the PDU, then AdvanceTo(buffer.Start).</para>
/// <para>The PDU type is checked on the first byte and the length on the sixth, so a hostile or foreign peer (an HTTP
/// client, a TLS handshake, a 4 GiB length) is refused before its body is buffered.</para>
/// <para>P-DATA-TF payloads are not copied: their <see cref="PresentationDataValue.Data"/> slices point into
/// <paramref name="buffer"/> and die when the pipe is advanced. Association PDUs are small and fully materialized.</para>
/// </remarks>
public static class PduReader
{
    private const int AssociationFixedLength = 68;
    private const int AETitleLength = 16;

    /// <summary>Reads one PDU from the start of <paramref name="buffer"/>.</summary>
    /// <returns>True with the PDU, <paramref name="buffer"/> then starting after it; false when more bytes are needed.</returns>
    /// <exception cref="DicomNetworkProtocolException">The bytes are not a valid PDU; abort with the exception's reason.</exception>
    public static bool TryReadPdu(ref ReadOnlySequence<byte> buffer, PduReaderLimits limits, [NotNullWhen(true)] out Pdu? pdu)
    {
        ArgumentNullException.ThrowIfNull(limits);
        pdu = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryRead(out var typeByte)) return false;
        if (typeByte is 0 or > (byte)PduType.Abort)
            throw new DicomNetworkProtocolException($"Unrecognized PDU type 0x{typeByte:X2}{DescribeForeignProtocol(buffer)}", AbortReason.UnrecognizedPdu);
        if (buffer.Length < PduWriter.PduHeaderLength) return false;

        var type = (PduType)typeByte;
        reader.Advance(1);
        reader.TryReadBigEndian(out int rawLength);
        var length = (uint)rawLength;
        CheckLength(type, length, limits);
        if (buffer.Length - PduWriter.PduHeaderLength < length) return false;

        var body = buffer.Slice(PduWriter.PduHeaderLength, length);
        pdu = type switch
        {
            PduType.AssociateRequest => ParseAssociation(body, isRequest: true),
            PduType.AssociateAccept => ParseAssociation(body, isRequest: false),
            PduType.AssociateReject => ParseReject(body),
            PduType.DataTransfer => ParseDataTransfer(body),
            PduType.ReleaseRequest => ReleaseRequestPdu.Instance,
            PduType.ReleaseResponse => ReleaseResponsePdu.Instance,
            _ => ParseAbort(body),
        };
        buffer = buffer.Slice(body.End);
        return true;
    }

    private static void CheckLength(PduType type, uint length, PduReaderLimits limits)
    {
        switch (type)
        {
            case PduType.AssociateRequest or PduType.AssociateAccept:
                if (length < AssociationFixedLength)
                    throw Invalid($"{Name(type)} PDU length {length} is shorter than its {AssociationFixedLength} bytes of fixed fields");
                if (length > limits.MaximumAssociationPduLength)
                    throw Invalid($"{Name(type)} PDU length {length} exceeds the limit of {limits.MaximumAssociationPduLength} bytes");
                break;
            case PduType.DataTransfer:
                if (length < PduWriter.PdvHeaderLength)
                    throw Invalid($"P-DATA-TF PDU length {length} cannot hold a PDV item");
                if (length > limits.DataTransferCap)
                    throw Invalid($"P-DATA-TF PDU length {length} exceeds the maximum length of {limits.MaximumDataTransferPduLength} bytes we announced");
                break;
            default:
                if (length != 4) throw Invalid($"{Name(type)} PDU length is {length}; it is always 4");
                break;
        }
    }

    /// <summary>A hint for the log when the peer is plainly not speaking DICOM.</summary>
    private static string DescribeForeignProtocol(ReadOnlySequence<byte> buffer)
    {
        Span<byte> head = stackalloc byte[16];
        var n = (int)Math.Min(buffer.Length, head.Length);
        buffer.Slice(0, n).CopyTo(head);
        head = head[..n];
        if (n >= 2 && head[0] == 0x16 && head[1] == 0x03) return " (looks like a TLS handshake: is the peer configured for TLS?)";
        var printable = 0;
        while (printable < n && head[printable] is >= 0x20 and < 0x7F) printable++;
        return printable >= 3 ? $" (the peer sent text starting \"{Sanitize(head[..printable])}\": not a DICOM peer)" : "";
    }

    private static string Name(PduType type) => type switch
    {
        PduType.AssociateRequest => "A-ASSOCIATE-RQ",
        PduType.AssociateAccept => "A-ASSOCIATE-AC",
        PduType.AssociateReject => "A-ASSOCIATE-RJ",
        PduType.DataTransfer => "P-DATA-TF",
        PduType.ReleaseRequest => "A-RELEASE-RQ",
        PduType.ReleaseResponse => "A-RELEASE-RP",
        _ => "A-ABORT",
    };

    private static DicomNetworkProtocolException Invalid(string reason) => new(reason, AbortReason.InvalidPduParameterValue);

    private static DicomNetworkProtocolException Unexpected(string reason) => new(reason, AbortReason.UnexpectedPduParameter);

    // ---- fixed-length PDUs -------------------------------------------------------------------------------------

    private static AssociateRejectPdu ParseReject(ReadOnlySequence<byte> body)
    {
        var r = new SequenceReader<byte>(body);
        r.Advance(1);
        r.TryRead(out var result);
        r.TryRead(out var source);
        r.TryRead(out var reason);
        // Not validated: the association is over either way, and the raw values are what the log needs.
        return new AssociateRejectPdu((AssociateRejectResult)result, (AssociateRejectSource)source, reason);
    }

    private static AbortPdu ParseAbort(ReadOnlySequence<byte> body)
    {
        var r = new SequenceReader<byte>(body);
        r.Advance(2);
        r.TryRead(out var source);
        r.TryRead(out var reason);
        return new AbortPdu((AbortSource)source, (AbortReason)reason);
    }

    // ---- P-DATA-TF ---------------------------------------------------------------------------------------------

    private static DataTransferPdu ParseDataTransfer(ReadOnlySequence<byte> body)
    {
        var r = new SequenceReader<byte>(body);
        var values = new List<PresentationDataValue>(1);
        while (!r.End)
        {
            if (!r.TryReadBigEndian(out int rawLength))
                throw Invalid($"P-DATA-TF ends inside a PDV item header ({r.Remaining} bytes left)");
            var itemLength = (uint)rawLength;
            if (itemLength < 2) throw Invalid($"PDV item length {itemLength} cannot hold its presentation context ID and message control header");
            if (itemLength > r.Remaining) throw Invalid($"PDV item claims {itemLength} bytes but only {r.Remaining} remain in its P-DATA-TF PDU");
            r.TryRead(out var contextId);
            r.TryRead(out var control);
            if ((contextId & 1) == 0) throw Invalid($"PDV presentation context ID {contextId} is not an odd number 1-255");
            var data = r.UnreadSequence.Slice(0, itemLength - 2);
            r.Advance(itemLength - 2);
            // Bits 2-7 of the control header are reserved and, per PS3.8 Annex E, not tested.
            var (isCommand, isLast) = PresentationDataValue.FromMessageControlHeader(control);
            values.Add(new PresentationDataValue(contextId, isCommand, isLast, data));
        }
        return new DataTransferPdu(values);
    }

    // ---- A-ASSOCIATE-RQ / -AC ----------------------------------------------------------------------------------

    private static Pdu ParseAssociation(ReadOnlySequence<byte> body, bool isRequest)
    {
        var pduName = isRequest ? "A-ASSOCIATE-RQ" : "A-ASSOCIATE-AC";
        var r = new SequenceReader<byte>(body);
        r.TryReadBigEndian(out short version);
        r.Advance(2);
        var called = ReadText(r.UnreadSequence.Slice(0, AETitleLength), trimLeading: true);
        r.Advance(AETitleLength);
        var calling = ReadText(r.UnreadSequence.Slice(0, AETitleLength), trimLeading: true);
        r.Advance(AETitleLength + 32);

        string? applicationContext = null;
        UserInformation? userInformation = null;
        var requested = new List<PresentationContextRequest>();
        var results = new List<PresentationContextResult>();
        Span<bool> seenIds = stackalloc bool[256];
        while (!r.End)
        {
            var itemType = ReadItemHeader(ref r, pduName, out var item);
            switch (itemType)
            {
                case PduItemType.ApplicationContext:
                    if (applicationContext is not null) throw Unexpected($"{pduName} has a second application context item");
                    applicationContext = ReadText(item, trimLeading: false);
                    break;
                case PduItemType.PresentationContextRequest when isRequest:
                    var rq = ParsePresentationContextRequest(item);
                    MarkUnique(seenIds, rq.Id, pduName);
                    requested.Add(rq);
                    break;
                case PduItemType.PresentationContextAccept when !isRequest:
                    var ac = ParsePresentationContextResult(item);
                    MarkUnique(seenIds, ac.Id, pduName);
                    results.Add(ac);
                    break;
                case PduItemType.UserInformation:
                    if (userInformation is not null) throw Unexpected($"{pduName} has a second user information item");
                    userInformation = ParseUserInformation(item, isRequest);
                    break;
                case PduItemType.PresentationContextRequest or PduItemType.PresentationContextAccept
                    or PduItemType.AbstractSyntax or PduItemType.TransferSyntax
                    or (>= PduItemType.MaximumLength and <= PduItemType.UserIdentityResponse):
                    throw Unexpected($"{pduName} has a 0x{itemType:X2} item among its variable items, where that type does not belong");
                default:
                    // PS3.8 9.3.1: items of unrecognized types shall be ignored and skipped.
                    break;
            }
        }

        if (applicationContext is null) throw Invalid($"{pduName} has no application context item");
        if (userInformation is null) throw Invalid($"{pduName} has no user information item");
        if (isRequest)
        {
            if (requested.Count == 0) throw Invalid("A-ASSOCIATE-RQ proposes no presentation context");
            return new AssociateRequestPdu(called, calling, requested, userInformation)
            {
                ProtocolVersion = (ushort)version,
                ApplicationContextName = applicationContext,
            };
        }
        if (results.Count == 0) throw Invalid("A-ASSOCIATE-AC answers no presentation context");
        return new AssociateAcceptPdu(called, calling, results, userInformation)
        {
            ProtocolVersion = (ushort)version,
            ApplicationContextName = applicationContext,
        };
    }

    private static void MarkUnique(Span<bool> seen, byte id, string pduName)
    {
        if (seen[id]) throw Invalid($"{pduName} has presentation context ID {id} twice");
        seen[id] = true;
    }

    /// <summary>Reads an item header (type, reserved, 16-bit length) and slices the item body, which must fit in what
    /// remains of the parent.</summary>
    private static byte ReadItemHeader(ref SequenceReader<byte> r, string parent, out ReadOnlySequence<byte> item)
    {
        if (r.Remaining < 4) throw Invalid($"{parent} ends inside an item header ({r.Remaining} bytes left)");
        r.TryRead(out var type);
        r.Advance(1);
        r.TryReadBigEndian(out short rawLength);
        var length = (ushort)rawLength;
        if (length > r.Remaining) throw Invalid($"Item 0x{type:X2} in {parent} claims {length} bytes but only {r.Remaining} remain in it");
        item = r.UnreadSequence.Slice(0, length);
        r.Advance(length);
        return type;
    }

    private static PresentationContextRequest ParsePresentationContextRequest(ReadOnlySequence<byte> item)
    {
        var r = new SequenceReader<byte>(item);
        if (r.Remaining < 4) throw Invalid($"Presentation context item is {r.Remaining} bytes; its fixed fields take 4");
        r.TryRead(out var id);
        r.Advance(3);
        if ((id & 1) == 0) throw Invalid($"Presentation context ID {id} is not an odd number 1-255");
        var parent = $"presentation context {id}";
        string? abstractSyntax = null;
        var transferSyntaxes = new List<string>(4);
        while (!r.End)
        {
            var type = ReadItemHeader(ref r, parent, out var sub);
            switch (type)
            {
                case PduItemType.AbstractSyntax:
                    if (abstractSyntax is not null) throw Unexpected($"{parent} has a second abstract syntax");
                    abstractSyntax = ReadText(sub, trimLeading: false);
                    break;
                case PduItemType.TransferSyntax:
                    transferSyntaxes.Add(ReadText(sub, trimLeading: false));
                    break;
                case PduItemType.ApplicationContext or PduItemType.PresentationContextRequest or PduItemType.PresentationContextAccept
                    or (>= PduItemType.UserInformation and <= PduItemType.UserIdentityResponse):
                    throw Unexpected($"{parent} contains a 0x{type:X2} item");
                default:
                    break;
            }
        }
        if (abstractSyntax is null) throw Invalid($"{parent} has no abstract syntax");
        if (transferSyntaxes.Count == 0) throw Invalid($"{parent} proposes no transfer syntax");
        return new PresentationContextRequest(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextResult ParsePresentationContextResult(ReadOnlySequence<byte> item)
    {
        var r = new SequenceReader<byte>(item);
        if (r.Remaining < 4) throw Invalid($"Presentation context item is {r.Remaining} bytes; its fixed fields take 4");
        r.TryRead(out var id);
        r.Advance(1);
        r.TryRead(out var result);
        r.Advance(1);
        if ((id & 1) == 0) throw Invalid($"Presentation context ID {id} is not an odd number 1-255");
        if (result > (byte)PresentationContextResultReason.TransferSyntaxesNotSupported)
            throw Invalid($"Presentation context {id} has result/reason {result}, which is not defined");
        var parent = $"presentation context {id}";
        string? transferSyntax = null;
        while (!r.End)
        {
            var type = ReadItemHeader(ref r, parent, out var sub);
            if (type == PduItemType.TransferSyntax)
            {
                if (transferSyntax is not null) throw Unexpected($"{parent} of the A-ASSOCIATE-AC has a second transfer syntax");
                transferSyntax = ReadText(sub, trimLeading: false);
            }
            else if (type is PduItemType.AbstractSyntax or PduItemType.ApplicationContext or PduItemType.PresentationContextRequest
                     or PduItemType.PresentationContextAccept or (>= PduItemType.UserInformation and <= PduItemType.UserIdentityResponse))
            {
                throw Unexpected($"{parent} of the A-ASSOCIATE-AC contains a 0x{type:X2} item");
            }
        }
        var reason = (PresentationContextResultReason)result;
        if (reason == PresentationContextResultReason.Acceptance && string.IsNullOrEmpty(transferSyntax))
            throw Invalid($"{parent} is accepted without a transfer syntax");
        return new PresentationContextResult(id, reason, transferSyntax ?? "");
    }

    // ---- user information ------------------------------------------------------------------------------------

    private static UserInformation ParseUserInformation(ReadOnlySequence<byte> item, bool isRequest)
    {
        const string parent = "user information item";
        var r = new SequenceReader<byte>(item);
        uint? maximumLength = null;
        string? implementationClassUid = null, implementationVersionName = null;
        AsynchronousOperationsWindow? window = null;
        List<RoleSelection>? roles = null;
        List<SopClassExtendedNegotiation>? extended = null;
        List<SopClassCommonExtendedNegotiation>? common = null;
        UserIdentityRequest? identityRequest = null;
        UserIdentityResponse? identityResponse = null;

        while (!r.End)
        {
            var type = ReadItemHeader(ref r, parent, out var sub);
            switch (type)
            {
                case PduItemType.MaximumLength:
                    if (maximumLength is not null) throw Unexpected("User information has a second maximum length sub-item");
                    maximumLength = ReadFixedUInt32(sub, "maximum length");
                    break;
                case PduItemType.ImplementationClassUid:
                    if (implementationClassUid is not null) throw Unexpected("User information has a second implementation class UID");
                    implementationClassUid = ReadText(sub, trimLeading: false);
                    break;
                case PduItemType.AsynchronousOperationsWindow:
                    if (window is not null) throw Unexpected("User information has a second asynchronous operations window");
                    var ops = ReadFixedUInt32(sub, "asynchronous operations window");
                    window = new AsynchronousOperationsWindow((ushort)(ops >> 16), (ushort)ops);
                    break;
                case PduItemType.RoleSelection:
                    (roles ??= []).Add(ParseRoleSelection(sub));
                    break;
                case PduItemType.ImplementationVersionName:
                    if (implementationVersionName is not null) throw Unexpected("User information has a second implementation version name");
                    implementationVersionName = ReadText(sub, trimLeading: false);
                    break;
                case PduItemType.SopClassExtendedNegotiation:
                    (extended ??= []).Add(ParseExtendedNegotiation(sub));
                    break;
                case PduItemType.SopClassCommonExtendedNegotiation:
                    if (!isRequest) throw Unexpected("A-ASSOCIATE-AC carries a SOP class common extended negotiation sub-item, which only requests may");
                    (common ??= []).Add(ParseCommonExtendedNegotiation(sub));
                    break;
                case PduItemType.UserIdentityRequest:
                    if (!isRequest) throw Unexpected("A-ASSOCIATE-AC carries a user identity request sub-item");
                    if (identityRequest is not null) throw Unexpected("User information has a second user identity sub-item");
                    identityRequest = ParseUserIdentityRequest(sub);
                    break;
                case PduItemType.UserIdentityResponse:
                    if (isRequest) throw Unexpected("A-ASSOCIATE-RQ carries a user identity response sub-item");
                    if (identityResponse is not null) throw Unexpected("User information has a second user identity response sub-item");
                    identityResponse = ParseUserIdentityResponse(sub);
                    break;
                case PduItemType.ApplicationContext or PduItemType.PresentationContextRequest or PduItemType.PresentationContextAccept
                    or PduItemType.AbstractSyntax or PduItemType.TransferSyntax or PduItemType.UserInformation:
                    throw Unexpected($"User information contains a 0x{type:X2} item, which is not a user information sub-item");
                default:
                    // PS3.8 D.2: acceptors must ignore user information sub-items they do not know (later editions add them).
                    break;
            }
        }

        return new UserInformation
        {
            MaximumLength = maximumLength,
            ImplementationClassUid = implementationClassUid,
            ImplementationVersionName = implementationVersionName,
            AsynchronousOperationsWindow = window,
            RoleSelections = roles ?? [],
            ExtendedNegotiations = extended ?? [],
            CommonExtendedNegotiations = common ?? [],
            UserIdentityRequest = identityRequest,
            UserIdentityResponse = identityResponse,
        };
    }

    private static uint ReadFixedUInt32(ReadOnlySequence<byte> sub, string what)
    {
        if (sub.Length != 4) throw Invalid($"The {what} sub-item is {sub.Length} bytes; it is always 4");
        var r = new SequenceReader<byte>(sub);
        r.TryReadBigEndian(out int value);
        return (uint)value;
    }

    /// <summary>A 16-bit length followed by that many bytes, which must fit in what remains of <paramref name="r"/>.</summary>
    private static ReadOnlySequence<byte> ReadLengthPrefixed(ref SequenceReader<byte> r, string field, string parent)
    {
        if (!r.TryReadBigEndian(out short rawLength)) throw Invalid($"The {parent} ends before the length of its {field}");
        var length = (ushort)rawLength;
        if (length > r.Remaining) throw Invalid($"The {field} of the {parent} claims {length} bytes but only {r.Remaining} remain in the sub-item");
        var value = r.UnreadSequence.Slice(0, length);
        r.Advance(length);
        return value;
    }

    private static void ExpectEnd(ref SequenceReader<byte> r, string parent)
    {
        if (!r.End) throw Invalid($"The {parent} has {r.Remaining} bytes after its last field");
    }

    private static RoleSelection ParseRoleSelection(ReadOnlySequence<byte> sub)
    {
        const string parent = "SCP/SCU role selection sub-item";
        var r = new SequenceReader<byte>(sub);
        var uid = ReadText(ReadLengthPrefixed(ref r, "SOP class UID", parent), trimLeading: false);
        if (r.Remaining != 2) throw Invalid($"The {parent} for {uid} has {r.Remaining} bytes of roles; it has 2");
        r.TryRead(out var scu);
        r.TryRead(out var scp);
        return new RoleSelection(uid, scu != 0, scp != 0);
    }

    private static SopClassExtendedNegotiation ParseExtendedNegotiation(ReadOnlySequence<byte> sub)
    {
        var r = new SequenceReader<byte>(sub);
        var uid = ReadText(ReadLengthPrefixed(ref r, "SOP class UID", "SOP class extended negotiation sub-item"), trimLeading: false);
        return new SopClassExtendedNegotiation(uid, r.UnreadSequence.ToArray());
    }

    private static SopClassCommonExtendedNegotiation ParseCommonExtendedNegotiation(ReadOnlySequence<byte> sub)
    {
        const string parent = "SOP class common extended negotiation sub-item";
        var r = new SequenceReader<byte>(sub);
        var sopClass = ReadText(ReadLengthPrefixed(ref r, "SOP class UID", parent), trimLeading: false);
        var serviceClass = ReadText(ReadLengthPrefixed(ref r, "service class UID", parent), trimLeading: false);
        var relatedField = ReadLengthPrefixed(ref r, "related general SOP class identification", parent);
        ExpectEnd(ref r, parent);
        var related = new List<string>();
        var rr = new SequenceReader<byte>(relatedField);
        while (!rr.End) related.Add(ReadText(ReadLengthPrefixed(ref rr, "related general SOP class UID", parent), trimLeading: false));
        return new SopClassCommonExtendedNegotiation(sopClass, serviceClass, related);
    }

    private static UserIdentityRequest ParseUserIdentityRequest(ReadOnlySequence<byte> sub)
    {
        const string parent = "user identity sub-item";
        var r = new SequenceReader<byte>(sub);
        if (r.Remaining < 2) throw Invalid($"The {parent} is {r.Remaining} bytes; its type and flag take 2");
        r.TryRead(out var type);
        r.TryRead(out var positive);
        var primary = ReadLengthPrefixed(ref r, "primary field", parent);
        var secondary = ReadLengthPrefixed(ref r, "secondary field", parent);
        ExpectEnd(ref r, parent);
        return new UserIdentityRequest((UserIdentityType)type, positive == 1, primary.ToArray(), secondary.ToArray());
    }

    private static UserIdentityResponse ParseUserIdentityResponse(ReadOnlySequence<byte> sub)
    {
        const string parent = "user identity response sub-item";
        var r = new SequenceReader<byte>(sub);
        var response = ReadLengthPrefixed(ref r, "server response", parent);
        ExpectEnd(ref r, parent);
        return new UserIdentityResponse(response.ToArray());
    }

    // ---- text ------------------------------------------------------------------------------------------------

    /// <summary>Decodes an AE title or UID field: padding (trailing spaces and NULs, leading spaces for AE titles)
    /// removed, anything outside printable ASCII replaced by '?' so that peer bytes cannot forge log lines.</summary>
    private static string ReadText(ReadOnlySequence<byte> bytes, bool trimLeading)
    {
        var length = (int)bytes.Length;
        if (length == 0) return "";
        Span<byte> raw = length <= 256 ? stackalloc byte[length] : new byte[length];
        bytes.CopyTo(raw);
        return Sanitize(raw, trimLeading);
    }

    private static string Sanitize(ReadOnlySpan<byte> raw, bool trimLeading = false)
    {
        var end = raw.Length;
        while (end > 0 && raw[end - 1] is (byte)' ' or 0) end--;
        var start = 0;
        if (trimLeading) while (start < end && raw[start] == (byte)' ') start++;
        var text = raw[start..end];
        Span<char> chars = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        for (var i = 0; i < text.Length; i++) chars[i] = text[i] is >= 0x20 and < 0x7F ? (char)text[i] : '?';
        return new string(chars);
    }
}
