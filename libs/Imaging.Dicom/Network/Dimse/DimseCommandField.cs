namespace Imaging.Dicom.Network;

/// <summary>Values of Command Field (0000,0100) for the DIMSE-C services (PS3.7 Section 9.3, E.1).</summary>
public static class DimseCommandField
{
    public const ushort CStoreRequest = 0x0001;
    public const ushort CStoreResponse = 0x8001;
    public const ushort CEchoRequest = 0x0030;
    public const ushort CEchoResponse = 0x8030;
    public const ushort CFindRequest = 0x0020;
    public const ushort CFindResponse = 0x8020;
    public const ushort CGetRequest = 0x0010;
    public const ushort CGetResponse = 0x8010;
    public const ushort CMoveRequest = 0x0021;
    public const ushort CMoveResponse = 0x8021;
    public const ushort CCancelRequest = 0x0FFF;

    /// <summary>Responses have bit 15 set; a request's response is the request's field with that bit.</summary>
    public const ushort ResponseBit = 0x8000;

    public static bool IsResponse(ushort field) => (field & ResponseBit) != 0;
}
