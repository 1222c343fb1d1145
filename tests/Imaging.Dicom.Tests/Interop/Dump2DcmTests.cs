using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.IO;

namespace Imaging.Dicom.Tests.Interop;

/// <summary>DCMTK writes, we read: datasets built by dump2dcm from text dumps written here (nested and empty sequences
/// with defined and undefined lengths, private blocks, multi-valued and odd-length values, Latin-1 text).</summary>
[Collection(DcmtkCollection.Name)]
public class Dump2DcmTests(DcmtkFixture fixture)
{
    private static readonly DicomTag ContentSequence = new(0x0040, 0xA730);
    private static readonly DicomTag ConceptNameCodeSequence = new(0x0040, 0xA043);
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);

    /// <summary>The dump, saved as ISO 8859-1 bytes (the dataset declares ISO_IR 100).</summary>
    private const string Dump = """
        # written by Dump2DcmTests
        (0008,0005) CS [ISO_IR 100]
        (0008,0008) CS [ORIGINAL\PRIMARY\AXIAL]
        (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
        (0008,0018) UI [1.2.826.0.1.3680043.2.1143.77]
        (0008,0050) SH []
        (0008,0060) CS [OT]
        (0008,9459) FL 25.5
        (0009,0010) LO [ACME 1.0]
        (0009,0011) LO [OTHER CO]
        (0009,1001) LO [private text]
        (0009,1002) US 42\43
        (0009,1003) OB 01\02\03
        (0009,1101) DS [1.5]
        (0010,0010) PN [Müller^Jürgen^^Dr.]
        (0010,0020) LO [ABC]
        (0018,0050) DS [2.5\0.75\-3]
        (0018,1310) US 0\256\256\0
        (0018,6020) SL -5\7
        (0018,9087) FD 1000.5
        (0020,0013) IS [7]
        (0020,5000) AT (0010,0010)\(0010,0020)
        (0028,9001) UL 70000
        (0040,a730) SQ (Sequence)
          (fffe,e000) na (Item)
          (fffe,e00d) na (ItemDelimitationItem)
          (fffe,e000) na (Item)
            (0040,a010) CS [CONTAINS]
            (0040,a043) SQ (Sequence)
              (fffe,e000) na (Item)
                (0008,0100) SH [121071]
                (0008,0102) SH [DCM]
                (0008,0104) LO [Finding]
              (fffe,e00d) na (ItemDelimitationItem)
            (fffe,e0dd) na (SequenceDelimitationItem)
            (0040,a123) PN [Ström^Åsa]
            (0040,a160) UT [left\right]
          (fffe,e00d) na (ItemDelimitationItem)
          (fffe,e000) na (Item)
            (0040,a010) CS [HAS PROPERTIES]
            (0040,a043) SQ (Sequence)
            (fffe,e0dd) na (SequenceDelimitationItem)
          (fffe,e00d) na (ItemDelimitationItem)
        (fffe,e0dd) na (SequenceDelimitationItem)
        """;

    /// <summary>dump2dcm output for (length option, syntax flag), e.g. ("-e", "+tb").</summary>
    private Task<DicomFile> Built(string lengths, string syntaxFlag) => fixture.Once($"dump2dcm {lengths} {syntaxFlag}", async () =>
    {
        var dump = await fixture.Once("dump2dcm input", () =>
        {
            var path = fixture.File("input.dump");
            File.WriteAllBytes(path, Encoding.Latin1.GetBytes(Dump.Replace("\r", "")));
            return Task.FromResult(path);
        });
        var output = fixture.FileFor($"dump2dcm {lengths} {syntaxFlag}");
        await Dcmtk.RunCleanAsync("dump2dcm", lengths, syntaxFlag, dump, output);
        return DicomFileReader.Read(output);
    });

    public static TheoryData<string, string, string> ExplicitVariants() => new()
    {
        { "-e", "+te", DicomTransferSyntax.ExplicitVRLittleEndian.Uid },
        { "+e", "+te", DicomTransferSyntax.ExplicitVRLittleEndian.Uid },
        { "-e", "+tb", DicomTransferSyntax.ExplicitVRBigEndian.Uid },
        { "+e", "+td", DicomTransferSyntax.DeflatedExplicitVRLittleEndian.Uid },
    };

    [Theory]
    [MemberData(nameof(ExplicitVariants))]
    public async Task We_read_every_value_dump2dcm_wrote(string lengths, string syntaxFlag, string syntaxUid)
    {
        var file = await Built(lengths, syntaxFlag);
        var ds = file.Dataset;
        Assert.Equal(syntaxUid, file.TransferSyntax.Uid);
        Assert.Empty(file.Warnings);

        Assert.Equal(["ISO_IR 100"], ds.CharacterSet.Terms);
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], ds.GetStrings(new DicomTag(0x0008, 0x0008)));
        Assert.Equal(@"ORIGINAL\PRIMARY\AXIAL", ds.GetString(new DicomTag(0x0008, 0x0008)));
        // Odd-length values: DCMTK pads them (UI with NUL, text with a space) and we hand back the unpadded value.
        Assert.Equal("1.2.826.0.1.3680043.2.1143.77", ds.GetSingleString(DicomTag.SopInstanceUid));
        Assert.Equal(30, ds.GetElement(DicomTag.SopInstanceUid)!.Length);
        Assert.Equal(0, ds.GetElement(DicomTag.SopInstanceUid)!.Buffer.GetMemory().Span[^1]);
        Assert.Equal("ABC", ds.GetString(new DicomTag(0x0010, 0x0020)));
        Assert.Equal("ABC "u8.ToArray(), ds.GetElement(new DicomTag(0x0010, 0x0020))!.Buffer.GetMemory().ToArray());
        Assert.Equal(new byte[] { 1, 2, 3, 0 }, ds.GetElement(new DicomTag(0x0009, 0x1003))!.Buffer.GetMemory().ToArray());
        // An empty value is present and empty.
        Assert.True(ds.GetElement(new DicomTag(0x0008, 0x0050))!.IsEmpty);
        Assert.Null(ds.GetSingleString(new DicomTag(0x0008, 0x0050)));

        var name = ds.GetPersonName(PatientName)!;
        Assert.Equal("Müller", name.FamilyName);
        Assert.Equal("Jürgen", name.GivenName);
        Assert.Equal("Dr.", name.Prefix);

        Assert.Equal([2.5, 0.75, -3], ds.GetElement(new DicomTag(0x0018, 0x0050))!.GetDecimals());
        Assert.Equal(0.75, ds.GetDecimal(new DicomTag(0x0018, 0x0050), 1));
        Assert.Equal(7, ds.GetInteger(new DicomTag(0x0020, 0x0013)));
        Assert.Equal(new ushort[] { 0, 256, 256, 0 }, ds.GetElement(new DicomTag(0x0018, 0x1310))!.GetValues<ushort>());
        Assert.Equal(new[] { -5, 7 }, ds.GetElement(new DicomTag(0x0018, 0x6020))!.GetValues<int>());
        Assert.Equal(-5, ds.GetInteger(new DicomTag(0x0018, 0x6020)));
        Assert.Equal(70000, ds.GetInteger(new DicomTag(0x0028, 0x9001)));
        Assert.Equal(25.5, ds.GetDecimal(new DicomTag(0x0008, 0x9459)));
        Assert.Equal(1000.5, ds.GetValue<double>(new DicomTag(0x0018, 0x9087)));
        Assert.Equal([new DicomTag(0x0010, 0x0010), new DicomTag(0x0010, 0x0020)], ds.GetElement(new DicomTag(0x0020, 0x5000))!.GetTags());

        // Private blocks.
        Assert.Equal("ACME 1.0", ds.GetPrivateCreator(new DicomTag(0x0009, 0x1002)));
        Assert.Equal("OTHER CO", ds.GetPrivateCreator(new DicomTag(0x0009, 0x1101)));
        Assert.Equal(new DicomTag(0x0009, 0x1002), ds.GetPrivateTag(0x0009, "ACME 1.0", 0x02));
        Assert.Equal(new DicomTag(0x0009, 0x1101), ds.GetPrivateTag(0x0009, "OTHER CO", 0x01));
        Assert.Equal("private text", ds.GetString(ds.GetPrivateTag(0x0009, "ACME 1.0", 0x01)!.Value));
        Assert.Equal(new ushort[] { 42, 43 }, ds.GetElement(new DicomTag(0x0009, 0x1002))!.GetValues<ushort>());
        Assert.Equal(1.5, ds.GetDecimal(new DicomTag(0x0009, 0x1101)));

        // Sequences: an empty item, a nested sequence, an empty sequence; lengths as dump2dcm was told.
        var undefined = lengths == "-e";
        var content = ds.GetSequence(ContentSequence)!;
        Assert.Equal(undefined, content.UndefinedLength);
        Assert.Equal(3, content.Items.Count);
        Assert.All(content.Items, i => Assert.Equal(undefined, i.UndefinedLength));
        Assert.Equal(0, content.Items[0].Count);
        var finding = content.Items[1];
        Assert.Equal("CONTAINS", finding.GetString(new DicomTag(0x0040, 0xA010)));
        var code = finding.GetSequence(ConceptNameCodeSequence)!;
        Assert.Equal(undefined, code.UndefinedLength);
        Assert.Equal("121071", Assert.Single(code.Items).GetString(new DicomTag(0x0008, 0x0100)));
        Assert.Equal("Finding", code.Items[0].GetString(new DicomTag(0x0008, 0x0104)));
        // Items inherit the dataset's character set.
        Assert.Equal("Ström", finding.GetPersonName(new DicomTag(0x0040, 0xA123))!.FamilyName);
        Assert.Equal("Åsa", finding.GetPersonName(new DicomTag(0x0040, 0xA123))!.GivenName);
        // UT holds one value: a backslash in it is text.
        Assert.Equal([@"left\right"], finding.GetStrings(new DicomTag(0x0040, 0xA160)));
        Assert.Empty(content.Items[2].GetSequence(ConceptNameCodeSequence)!.Items);
    }

    [Fact]
    public async Task Undefined_and_defined_lengths_from_dump2dcm_read_to_the_same_dataset()
    {
        var reference = await Built("+e", "+te");
        foreach (var (lengths, flag) in new[] { ("-e", "+te"), ("-e", "+tb"), ("+e", "+td") })
        {
            var other = await Built(lengths, flag);
            DatasetComparison.AssertEquivalent(reference.Dataset, other.Dataset, DatasetComparisonOptions.Rewritten, $"{lengths} {flag}");
        }
    }

    [Theory]
    [InlineData("-e")]
    [InlineData("+e")]
    public async Task We_read_dump2dcm_implicit_output_to_the_same_value_bytes(string lengths)
    {
        // Without the generated dictionary every element is UN and a defined-length sequence is UN bytes: the
        // comparison parses those bytes as items. With the dictionary the VRs are compared too.
        var reference = await Built("+e", "+te");
        var implicitFile = await Built(lengths, "+ti");
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian.Uid, implicitFile.TransferSyntax.Uid);
        Assert.Empty(implicitFile.Warnings);
        DatasetComparison.AssertEquivalent(reference.Dataset, implicitFile.Dataset, DatasetComparisonOptions.Transcoded);
        // Strings and undefined-length sequences need no dictionary.
        Assert.Equal("Müller", implicitFile.Dataset.GetPersonName(PatientName)!.FamilyName);
        if (lengths == "-e") Assert.Equal(3, implicitFile.Dataset.GetSequence(ContentSequence)!.Items.Count);
    }

    [Fact]
    public async Task We_read_dump2dcm_implicit_output_with_real_VRs()
    {
        var reference = await Built("+e", "+te");
        var implicitFile = await Built("+e", "+ti");
        // Private tags have no dictionary entry in either toolkit: they stay UN.
        DatasetComparison.AssertEquivalent(reference.Dataset, implicitFile.Dataset, DatasetComparisonOptions.Rewritten with
        {
            Ignore = new HashSet<DicomTag> { new(0x0009, 0x1001), new(0x0009, 0x1002), new(0x0009, 0x1003), new(0x0009, 0x1101) },
        });
        Assert.Equal(3, implicitFile.Dataset.GetSequence(ContentSequence)!.Items.Count);
    }
}
