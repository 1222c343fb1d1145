using System.Text;
using System.Text.Json;
using Imaging.Dicom.Data;
using Imaging.Dicom.Json;

namespace Imaging.Dicom.Tests.Json;

/// <summary>Datasets and JSON helpers shared by the DICOM JSON tests.</summary>
internal static class JsonTestData
{
    public static DicomTag Tag(uint value) => new(value);

    /// <summary>A text element encoded as given (Latin-1 unless said otherwise), padded to even length.</summary>
    public static DicomElement Element(uint tag, DicomVR vr, string value, Encoding? encoding = null) =>
        new(new DicomTag(tag), vr, DicomBuffer.FromBytes(Pad((encoding ?? Encoding.Latin1).GetBytes(value), vr)));

    public static DicomElement Bytes(uint tag, DicomVR vr, params byte[] bytes) => new(new DicomTag(tag), vr, DicomBuffer.FromBytes(bytes));

    public static byte[] Pad(byte[] bytes, DicomVR vr)
    {
        if ((bytes.Length & 1) == 0) return bytes;
        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = DicomVRInfo.PaddingByte(vr);
        return padded;
    }

    public static DicomDataset Dataset(params DicomAttribute[] attributes) => new(attributes);

    public static DicomSequence Sequence(uint tag, params DicomDataset[] items) => new(new DicomTag(tag), items);

    /// <summary>The attribute object for <paramref name="tag"/> in the top-level JSON object.</summary>
    public static JsonElement Attribute(string json, uint tag)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty(tag.ToString("X8")).Clone();
    }

    public static string Write(DicomDataset dataset, DicomJsonWriterOptions? options = null) => DicomJsonWriter.Serialize(dataset, options);

    public static string WriteOne(DicomAttribute attribute, DicomJsonWriterOptions? options = null) => Write(Dataset(attribute), options);

    /// <summary>"Value" of the single attribute of a one-attribute dataset, as raw JSON.</summary>
    public static string ValueOf(DicomAttribute attribute, DicomJsonWriterOptions? options = null) =>
        Attribute(WriteOne(attribute, options), attribute.Tag.Value).GetProperty("Value").GetRawText();

    /// <summary>A dataset with an element of every VR, multi-values, empty values, nested sequences and private tags.</summary>
    /// <remarks>Its Specific Character Set is ISO_IR 192, so text is UTF-8.</remarks>
    public static DicomDataset EveryVR()
    {
        static DicomElement Element(uint tag, DicomVR vr, string value) => JsonTestData.Element(tag, vr, value, Encoding.UTF8);
        var nested = Dataset(
            Element(0x00080100, DicomVR.SH, "CODE"),
            Sequence(0x00400008, Dataset(Element(0x00080104, DicomVR.LO, "inner"))));
        return Dataset(
            Element(0x00080005, DicomVR.CS, "ISO_IR 192"),
            Element(0x00080016, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7\0"),
            Element(0x00080018, DicomVR.UI, "1.2.3.4.5"),
            Element(0x00080020, DicomVR.DA, "20240102\\\\20240103"),
            Element(0x00080030, DicomVR.TM, "101112.123456"),
            Element(0x0008002A, DicomVR.DT, "20240102101112.5+0100"),
            Element(0x00080054, DicomVR.AE, "STORE_SCP\\ARCHIVE"),
            Element(0x00080060, DicomVR.CS, "OT"),
            Element(0x00080090, DicomVR.PN, ""),
            Element(0x00081030, DicomVR.LO, "Étude café\\second"),
            Element(0x0008103E, DicomVR.SH, "series"),
            Element(0x00081190, DicomVR.UR, "https://example.org/studies/1"),
            Sequence(0x00081115, nested, Dataset()),
            Element(0x00090010, DicomVR.LO, "ACME 1.0"),
            Bytes(0x00091001, DicomVR.UN, 1, 2, 3, 4),
            Element(0x00091002, DicomVR.SH, "private text"),
            Element(0x00100010, DicomVR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう\\Doe^John"),
            Element(0x00101010, DicomVR.AS, "042Y"),
            Element(0x00104000, DicomVR.LT, "line one\r\nline two \\ with a backslash"),
            Element(0x00180050, DicomVR.DS, "1.50\\-0.5\\1e3"),
            Element(0x00181030, DicomVR.UC, "unlimited\\characters"),
            DicomElement.FromValues(new DicomTag(0x00189089), DicomVR.FD, 1.5, -0.1, 1e300),
            DicomElement.FromValues(new DicomTag(0x00189306), DicomVR.FL, 0.1f, -2.5f),
            Element(0x00200013, DicomVR.IS, "7\\-12"),
            Element(0x00204000, DicomVR.ST, "short text"),
            DicomElement.FromTags(new DicomTag(0x00209165), new DicomTag(0x0020, 0x9056), new DicomTag(0x0020, 0x9057)),
            DicomElement.FromValues(new DicomTag(0x00280010), DicomVR.US, (ushort)512, (ushort)65535),
            DicomElement.FromValues(new DicomTag(0x00280106), DicomVR.SS, (short)-32768, (short)5),
            DicomElement.FromValues(new DicomTag(0x00280108), DicomVR.SL, -2147483648, 7),
            DicomElement.FromValues(new DicomTag(0x00283010), DicomVR.UL, 4294967295u, 1u),
            Element(0x00321060, DicomVR.UT, "unlimited text \\ single value"),
            DicomElement.FromValues(new DicomTag(0x00660040), DicomVR.OL, 1u, 2u),
            DicomElement.FromValues(new DicomTag(0x00720082), DicomVR.SV, -5L, 1L << 60),
            DicomElement.FromValues(new DicomTag(0x00720083), DicomVR.UV, 5UL, ulong.MaxValue),
            DicomElement.FromValues(new DicomTag(0x7FE00008), DicomVR.OF, 1.5f, 2.5f),
            DicomElement.FromValues(new DicomTag(0x7FE00009), DicomVR.OD, 0.25),
            Bytes(0x7FE00010, DicomVR.OW, 0x01, 0x02, 0x03, 0x04),
            DicomElement.FromValues(new DicomTag(0x00420011), DicomVR.OB, (byte)0xFF, (byte)0x00),
            DicomElement.FromValues(new DicomTag(0x00660129), DicomVR.OV, 1UL << 40));
    }
}
