using System.Buffers.Binary;
using System.Text;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Hand-assembles PDUs and items, including malformed ones the writer would never produce.</summary>
internal static class RawPdu
{
    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    /// <summary>An item with the given 16-bit length field, which may lie about <paramref name="body"/>.</summary>
    public static byte[] Item(byte type, int claimedLength, params byte[][] body)
    {
        var content = body.SelectMany(b => b).ToArray();
        var item = new byte[4 + content.Length];
        item[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(item.AsSpan(2), (ushort)claimedLength);
        content.CopyTo(item, 4);
        return item;
    }

    public static byte[] Item(byte type, params byte[][] body) => Item(type, body.Sum(b => b.Length), body);

    public static byte[] ApplicationContext() => Item(0x10, Ascii("1.2.840.10008.3.1.1.1"));

    public static byte[] PresentationContext(byte id, params byte[][] subItems) => Item(0x20, [[id, 0, 0, 0], .. subItems]);

    public static byte[] VerificationContext(byte id = 1) =>
        PresentationContext(id, Item(0x30, Ascii("1.2.840.10008.1.1")), Item(0x40, Ascii("1.2.840.10008.1.2")));

    public static byte[] MaximumLength(uint value)
    {
        var body = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(body, value);
        return Item(0x51, body);
    }

    public static byte[] UserInformation(params byte[][] subItems) => Item(0x50, subItems);

    /// <summary>An A-ASSOCIATE-RQ (type 1) or -AC (type 2) around the given variable items, with a correct PDU length.</summary>
    public static byte[] Association(byte type, params byte[][] items)
    {
        var variable = items.SelectMany(i => i).ToArray();
        var pdu = new byte[6 + 68 + variable.Length];
        pdu[0] = type;
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(2), (uint)(68 + variable.Length));
        pdu[7] = 1;
        Ascii("IMAGING".PadRight(16)).CopyTo(pdu, 10);
        Ascii("SCU".PadRight(16)).CopyTo(pdu, 26);
        variable.CopyTo(pdu, 74);
        return pdu;
    }

    public static byte[] Request(params byte[][] items) => Association(1, items);

    /// <summary>A request with the mandatory items plus <paramref name="extraUserInformation"/>.</summary>
    public static byte[] RequestWithUserInformation(params byte[][] extraUserInformation) =>
        Request(ApplicationContext(), VerificationContext(), UserInformation([MaximumLength(16384), .. extraUserInformation]));

    /// <summary>A P-DATA-TF around raw PDV items.</summary>
    public static byte[] DataTransfer(params byte[][] pdvItems)
    {
        var body = pdvItems.SelectMany(i => i).ToArray();
        var pdu = new byte[6 + body.Length];
        pdu[0] = 0x04;
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(2), (uint)body.Length);
        body.CopyTo(pdu, 6);
        return pdu;
    }

    public static byte[] Pdv(uint claimedLength, byte contextId, byte control, params byte[] data)
    {
        var item = new byte[6 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(item, claimedLength);
        item[4] = contextId;
        item[5] = control;
        data.CopyTo(item, 6);
        return item;
    }
}
