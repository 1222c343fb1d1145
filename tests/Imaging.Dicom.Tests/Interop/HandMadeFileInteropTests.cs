using System.Buffers.Binary;
using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.IO;

namespace Imaging.Dicom.Tests.Interop;

/// <summary>Encodings no DCMTK tool writes but real files hold, built byte by byte: odd value lengths, and a private
/// sequence stored as UN of undefined length (CP-246). We and DCMTK must read them alike.</summary>
[Collection(DcmtkCollection.Name)]
public class HandMadeFileInteropTests(DcmtkFixture fixture)
{
    private static readonly DicomTag PrivateSequence = new(0x0011, 0x1001);

    /// <summary>Explicit VR Little Endian element with a 2-byte length.</summary>
    private static void Short(List<byte> body, ushort group, ushort element, string vr, byte[] value)
    {
        var h = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(h, group);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(2), element);
        h[4] = (byte)vr[0];
        h[5] = (byte)vr[1];
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(6), (ushort)value.Length);
        body.AddRange(h);
        body.AddRange(value);
    }

    /// <summary>Explicit VR Little Endian element with the 4-byte length form.</summary>
    private static void Long(List<byte> body, ushort group, ushort element, string vr, uint length, byte[] value)
    {
        var h = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(h, group);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(2), element);
        h[4] = (byte)vr[0];
        h[5] = (byte)vr[1];
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(8), length);
        body.AddRange(h);
        body.AddRange(value);
    }

    /// <summary>Implicit VR Little Endian header (tag and 4-byte length), as inside a UN sequence.</summary>
    private static byte[] Implicit(ushort group, ushort element, uint length)
    {
        var h = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(h, group);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(2), element);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), length);
        return h;
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private Task<string> RawFile() => fixture.Once("hand-made odd", () =>
    {
        // Prefix and meta group from our writer (the dataset is added by hand after it).
        var meta = new DicomDataset();
        meta.SetString(DicomTag.MediaStorageSopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        meta.SetString(DicomTag.MediaStorageSopInstanceUid, DicomVR.UI, "1.2.3.4.5");
        var head = new MemoryStream();
        DicomFileWriter.Write(head, new DicomFile(meta, new DicomDataset(), DicomTransferSyntax.ExplicitVRLittleEndian));

        var body = new List<byte>();
        Short(body, 0x0008, 0x0016, "UI", Ascii("1.2.840.10008.5.1.4.1.1.7")); // 25 bytes
        Short(body, 0x0008, 0x0018, "UI", Ascii("1.2.3.4.5")); // 9
        Short(body, 0x0008, 0x0060, "CS", Ascii("OT"));
        Short(body, 0x0009, 0x0010, "LO", Ascii("ACME"));
        Long(body, 0x0009, 0x1001, "OB", 3, [1, 2, 3]);
        Short(body, 0x0010, 0x0010, "PN", Ascii("Doe^Jon")); // 7
        Short(body, 0x0010, 0x0020, "LO", Ascii("ABC")); // 3
        Short(body, 0x0011, 0x0010, "LO", Ascii("ACME SQ "));
        // (0011,1001) UN, undefined length: one undefined-length item in Implicit VR Little Endian (PS3.5 6.2.2).
        var items = new List<byte>();
        items.AddRange(Implicit(0xFFFE, 0xE000, 0xFFFFFFFF));
        items.AddRange(Implicit(0x0008, 0x0100, 4));
        items.AddRange(Ascii("CODE"));
        items.AddRange(Implicit(0xFFFE, 0xE00D, 0));
        items.AddRange(Implicit(0xFFFE, 0xE0DD, 0));
        Long(body, 0x0011, 0x1001, "UN", 0xFFFFFFFF, items.ToArray());

        var path = fixture.File("hand-made-odd.dcm");
        File.WriteAllBytes(path, [.. head.ToArray(), .. body]);
        return Task.FromResult(path);
    });

    private Task<string> OurRewrite() => fixture.Once("hand-made odd rewritten", async () =>
    {
        var path = fixture.File("hand-made-odd-ours.dcm");
        DicomFileWriter.Write(path, DicomFileReader.Read(await RawFile()));
        return path;
    });

    [Fact]
    public async Task We_read_odd_length_values_as_they_are()
    {
        var file = DicomFileReader.Read(await RawFile());
        var ds = file.Dataset;
        Assert.False(file.IsPartial);
        Assert.Equal(25, ds.GetElement(DicomTag.SopClassUid)!.Length);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.7", ds.GetSingleString(DicomTag.SopClassUid));
        Assert.Equal("1.2.3.4.5", ds.GetSingleString(DicomTag.SopInstanceUid));
        Assert.Equal("Doe", ds.GetPersonName(new DicomTag(0x0010, 0x0010))!.FamilyName);
        Assert.Equal("Jon", ds.GetPersonName(new DicomTag(0x0010, 0x0010))!.GivenName);
        Assert.Equal("ABC", ds.GetString(new DicomTag(0x0010, 0x0020)));
        Assert.Equal(new byte[] { 1, 2, 3 }, ds.GetElement(new DicomTag(0x0009, 0x1001))!.Buffer.GetMemory().ToArray());
        Assert.Equal("ACME", ds.GetPrivateCreator(new DicomTag(0x0009, 0x1001)));
    }

    [Fact]
    public async Task We_read_a_UN_sequence_of_undefined_length_as_implicit_VR_items()
    {
        var ds = DicomFileReader.Read(await RawFile()).Dataset;
        var sequence = ds.GetSequence(PrivateSequence);
        Assert.NotNull(sequence);
        Assert.Equal("ACME SQ", ds.GetPrivateCreator(PrivateSequence));
        var item = Assert.Single(sequence.Items);
        Assert.Equal("CODE", item.GetString(new DicomTag(0x0008, 0x0100)));
    }

    [Fact]
    public async Task Our_rewrite_pads_odd_values_and_DCMTK_reads_it_as_it_reads_the_original()
    {
        var dumps = await fixture.DumpMany("hand-made odd", [await RawFile(), await OurRewrite()], "+uc");
        // DCMTK warns about each odd length in the original (and about the UN sequence); about ours, nothing.
        Assert.Contains(dumps[0].Diagnostics, d => d.Contains("(0010,0010) is odd", StringComparison.Ordinal));
        Assert.Empty(dumps[1].Diagnostics);
        var raw = DcmdumpListing.Parse(dumps[0].Listing);
        var ours = DcmdumpListing.Parse(dumps[1].Listing);
        Assert.Equal(raw.Count, ours.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            Assert.Equal(raw[i].Tag, ours[i].Tag);
            Assert.Equal(raw[i].VR, ours[i].VR);
            if (raw[i].Length.Length > 0 && int.TryParse(raw[i].Length, out var length))
                Assert.Equal((length + 1) / 2 * 2, int.Parse(ours[i].Length));
            // DCMTK pads odd values itself when it reads them, with a NUL even for text (which it then prints);
            // we pad text with a space, as PS3.5 6.2 says, which dcmdump does not print.
            Assert.Equal(raw[i].Value.Replace("\0]", "]"), ours[i].Value);
        }
        var copy = DicomFileReader.Read(await OurRewrite());
        Assert.Equal(26, copy.Dataset.GetElement(DicomTag.SopClassUid)!.Length);
        DatasetComparison.AssertEquivalent(DicomFileReader.Read(await RawFile()).Dataset, copy.Dataset, DatasetComparisonOptions.Rewritten);
    }
}
