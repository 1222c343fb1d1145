using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.IO;

public class ReadWriteTests
{
    public static TheoryData<string> WellFormedFiles() => new(TestPaths.WellFormedCorpusFiles());

    public static TheoryData<string> NativeFiles() => new(ReadWriteCorpus.NativeFiles());

    public static TheoryData<string, string> NativeFilesBySyntax()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in ReadWriteCorpus.NativeFiles())
            foreach (var s in ReadWriteCorpus.UncompressedSyntaxes)
                data.Add(f, ReadWriteCorpus.ShortName(s));
        return data;
    }

    public static TheoryData<string> FilesWithSequences() => new(
        TestPaths.WellFormedCorpusFiles().Where(f => ReadWriteCorpus.Read(f).Dataset.OfType<DicomSequence>().Any()));

    private static readonly DicomTag Rows = new(0x0028, 0x0010);

    // ---- same syntax ---------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(WellFormedFiles))]
    public void Rewriting_in_the_same_syntax_reads_back_attribute_for_attribute(string corpusFile)
    {
        var original = ReadWriteCorpus.Read(corpusFile);
        var copy = ReadWriteCorpus.RoundTrip(original);

        Assert.Equal(original.TransferSyntax.Uid, copy.TransferSyntax.Uid);
        Assert.False(copy.IsPartial);
        Assert.Empty(copy.Warnings);
        // Group lengths are recomputed on write (a test below checks them); everything else must be untouched.
        DatasetComparison.AssertEquivalent(original.Dataset, copy.Dataset, DatasetComparisonOptions.Rewritten, corpusFile);
    }

    [Theory]
    [MemberData(nameof(WellFormedFiles))]
    public void Rewriting_keeps_the_meta_elements_the_writer_does_not_own(string corpusFile)
    {
        var original = ReadWriteCorpus.Read(corpusFile);
        var copy = ReadWriteCorpus.RoundTrip(original);
        var owned = new HashSet<DicomTag>
        {
            DicomTag.FileMetaInformationGroupLength, DicomTag.FileMetaInformationVersion, DicomTag.TransferSyntaxUid,
            DicomTag.ImplementationClassUid, DicomTag.ImplementationVersionName,
            // Filled from the dataset when the source had none.
            DicomTag.MediaStorageSopClassUid, DicomTag.MediaStorageSopInstanceUid,
        };
        DatasetComparison.AssertEquivalent(original.FileMetaInformation, copy.FileMetaInformation,
            DatasetComparisonOptions.Exact with { Ignore = owned }, corpusFile);
        foreach (var tag in new[] { DicomTag.MediaStorageSopClassUid, DicomTag.MediaStorageSopInstanceUid })
            if (original.FileMetaInformation.Contains(tag))
                Assert.Equal(original.FileMetaInformation.GetSingleString(tag), copy.FileMetaInformation.GetSingleString(tag));
    }

    [Fact]
    public void Rewriting_twice_gives_the_same_bytes()
    {
        foreach (var corpusFile in new[] { "ct_mr/CT_enhanced_eCT_Supplemental.dcm", "ct_mr/CT_WG04_CT1_EBE.dcm", "interop/ts/report_dfl_Deflated_SR.dcm", "nm/WG04_NM1_RLE.dcm" })
        {
            var first = ReadWriteCorpus.WriteToBytes(ReadWriteCorpus.Read(corpusFile));
            var second = ReadWriteCorpus.WriteToBytes(ReadWriteCorpus.ReadBytes(first));
            Assert.True(first.AsSpan().SequenceEqual(second), $"{corpusFile}: a second rewrite changed the bytes");
        }
    }

    // ---- transcoding ---------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(NativeFilesBySyntax))]
    public void Transcoding_to_each_uncompressed_syntax_and_back_keeps_every_value(string corpusFile, string syntaxName)
    {
        var syntax = ReadWriteCorpus.FromShortName(syntaxName);
        var original = ReadWriteCorpus.Read(corpusFile);

        var transcoded = ReadWriteCorpus.RoundTrip(original, syntax);
        Assert.Equal(syntax.Uid, transcoded.TransferSyntax.Uid);
        Assert.Equal(syntax.Uid, transcoded.FileMetaInformation.GetSingleString(DicomTag.TransferSyntaxUid));
        Assert.Empty(transcoded.Warnings);
        DatasetComparison.AssertEquivalent(original.Dataset, transcoded.Dataset, ReadWriteCorpus.OptionsFor(original.TransferSyntax, syntax), $"{corpusFile} as {syntaxName}");

        var back = ReadWriteCorpus.RoundTrip(transcoded, original.TransferSyntax);
        Assert.Equal(original.TransferSyntax.Uid, back.TransferSyntax.Uid);
        DatasetComparison.AssertEquivalent(original.Dataset, back.Dataset, ReadWriteCorpus.OptionsFor(original.TransferSyntax, syntax), $"{corpusFile} via {syntaxName} and back");
    }

    [Fact]
    public void The_corpus_has_native_pixel_data_in_each_source_syntax_the_transcoding_tests_start_from()
    {
        var files = ReadWriteCorpus.NativePixelDataFiles().ToList();
        Assert.True(files.Count >= 10, $"only {files.Count} files with native pixel data");
        var syntaxes = files.Select(f => ReadWriteCorpus.Read(f).TransferSyntax.Uid).ToHashSet();
        Assert.Contains(DicomTransferSyntax.ImplicitVRLittleEndian.Uid, syntaxes);
        Assert.Contains(DicomTransferSyntax.ExplicitVRLittleEndian.Uid, syntaxes);
        Assert.Contains(DicomTransferSyntax.ExplicitVRBigEndian.Uid, syntaxes);
        Assert.Subset(ReadWriteCorpus.NativeFiles().ToHashSet(), files.ToHashSet());
    }

    [Fact]
    public void Transcoding_between_explicit_syntaxes_keeps_every_VR()
    {
        // Only implicit VR loses VRs (to the dictionary); explicit to explicit must keep them exactly.
        foreach (var corpusFile in new[] { "ct_mr/CT_WG04_CT1_ELE.dcm", "ct_mr/MR_brain_TS3_EBE.dcm", "ct_mr/CT_enhanced_eCT_Supplemental.dcm", "interop/ts/wave_dfl_Deflated_waveform.dcm" })
        {
            var original = ReadWriteCorpus.Read(corpusFile);
            foreach (var syntax in ReadWriteCorpus.UncompressedSyntaxes.Where(s => s.IsExplicitVR))
            {
                var copy = ReadWriteCorpus.RoundTrip(original, syntax);
                DatasetComparison.AssertEquivalent(original.Dataset, copy.Dataset, DatasetComparisonOptions.Rewritten,
                    $"{corpusFile} as {ReadWriteCorpus.ShortName(syntax)}");
            }
        }
    }

    [Fact]
    public void The_three_encodings_of_the_same_CT_read_to_the_same_values()
    {
        var ele = ReadWriteCorpus.Read("ct_mr/CT_WG04_CT1_ELE.dcm");
        var ebe = ReadWriteCorpus.Read("ct_mr/CT_WG04_CT1_EBE.dcm");
        var ile = ReadWriteCorpus.Read("ct_mr/CT_WG04_CT1_ILE.dcm");
        DatasetComparison.AssertEquivalent(ele.Dataset, ebe.Dataset, DatasetComparisonOptions.Rewritten, "EBE");
        DatasetComparison.AssertEquivalent(ele.Dataset, ile.Dataset, DatasetComparisonOptions.Transcoded, "ILE");
        Assert.Equal(512, ebe.Dataset.GetInteger(Rows));
        // Implicit VR: US read as UN until the dictionary lands; GetInteger still decodes two bytes.
        Assert.Equal(512, ile.Dataset.GetInteger(Rows));
    }

    [Fact]
    public void Explicit_big_endian_output_stores_numbers_and_pixels_most_significant_byte_first()
    {
        var ele = ReadWriteCorpus.Read("ct_mr/CT_WG04_CT1_ELE.dcm");
        var bytes = ReadWriteCorpus.WriteToBytes(ele, DicomTransferSyntax.ExplicitVRBigEndian);

        // (0028,0010) US 2 512 in big endian.
        var rows = new byte[] { 0x00, 0x28, 0x00, 0x10, (byte)'U', (byte)'S', 0x00, 0x02, 0x02, 0x00 };
        Assert.True(bytes.AsSpan().IndexOf(rows) > 0, "Rows is not encoded big endian");

        // Pixel data: OW, swapped per 16-bit word.
        var header = new byte[] { 0x7F, 0xE0, 0x00, 0x10, (byte)'O', (byte)'W', 0, 0 };
        var at = bytes.AsSpan().LastIndexOf(header);
        Assert.True(at > 0);
        var length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + 8));
        var pixels = ((DicomElement)ele.Dataset[DicomTag.PixelData]!).Buffer.GetMemory().ToArray();
        Assert.Equal((uint)pixels.Length, length);
        var written = bytes.AsSpan(at + 12, pixels.Length).ToArray();
        for (var i = 0; i < pixels.Length; i += 2) (pixels[i], pixels[i + 1]) = (pixels[i + 1], pixels[i]);
        Assert.True(written.AsSpan().SequenceEqual(pixels), "pixel words are not byte-swapped");

        // The meta group stays Explicit VR Little Endian.
        Assert.Equal(0x02, bytes[132]);
        Assert.Equal(0x00, bytes[133]);
    }

    [Fact]
    public void Deflated_output_is_a_raw_deflate_stream_of_the_explicit_little_endian_dataset()
    {
        var file = ReadWriteCorpus.Read("ct_mr/MR_brain_TS1_ELE.dcm");
        var deflated = ReadWriteCorpus.WriteToBytes(file, DicomTransferSyntax.DeflatedExplicitVRLittleEndian);
        var plain = ReadWriteCorpus.WriteToBytes(file, DicomTransferSyntax.ExplicitVRLittleEndian);
        var deflatedStart = DatasetStart(deflated);
        var plainStart = DatasetStart(plain);

        using var inflater = new DeflateStream(new MemoryStream(deflated, deflatedStart, deflated.Length - deflatedStart), CompressionMode.Decompress);
        var inflated = new MemoryStream();
        inflater.CopyTo(inflated);

        Assert.True(inflated.ToArray().AsSpan().SequenceEqual(plain.AsSpan(plainStart)), "inflated dataset differs from the Explicit VR Little Endian encoding");
        Assert.True(deflated.Length < plain.Length * 3 / 4, $"deflated {deflated.Length} bytes vs {plain.Length}");
    }

    // ---- deferred values -----------------------------------------------------------------------------------

    [Theory]
    [InlineData("ct_mr/CT_WG04_CT1_ELE.dcm")]
    [InlineData("ct_mr/CT_WG04_CT1_ILE.dcm")]
    [InlineData("nm/WG04_NM1_UNC.dcm")]
    [InlineData("interop/structure/SEG_TCGA-GBM.dcm")]
    public void Reading_a_file_leaves_pixel_data_on_disk_until_it_is_asked_for(string corpusFile)
    {
        var path = TestPaths.Corpus(corpusFile);
        var file = DicomFileReader.Read(path);
        var pixels = Assert.IsType<DicomElement>(file.Dataset[DicomTag.PixelData]);
        var buffer = Assert.IsType<FileRangeBuffer>(pixels.Buffer);
        Assert.False(buffer.IsLoaded);
        Assert.Equal(Path.GetFullPath(path), buffer.Path);
        Assert.Equal(1, buffer.SwapUnit);

        // The range is exactly the value that follows the element header in the file.
        var raw = File.ReadAllBytes(path);
        Assert.True(buffer.Offset + buffer.Length <= raw.Length);
        Assert.Equal(new byte[] { 0xE0, 0x7F, 0x10, 0x00 }, raw.AsSpan((int)buffer.Offset - (file.TransferSyntax.IsExplicitVR ? 12 : 8), 4).ToArray());
        var loaded = buffer.GetMemory();
        Assert.True(loaded.Span.SequenceEqual(raw.AsSpan((int)buffer.Offset, (int)buffer.Length)));
        Assert.Equal(pixels.Length, loaded.Length);
    }

    [Fact]
    public async Task Deferred_big_endian_pixel_data_loads_and_streams_as_little_endian()
    {
        var ebe = DicomFileReader.Read(TestPaths.Corpus("ct_mr/CT_WG04_CT1_EBE.dcm"));
        var ele = DicomFileReader.Read(TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"));
        var bigEndian = Assert.IsType<FileRangeBuffer>(((DicomElement)ebe.Dataset[DicomTag.PixelData]!).Buffer);
        Assert.Equal(2, bigEndian.SwapUnit);
        var expected = ((DicomElement)ele.Dataset[DicomTag.PixelData]!).Buffer.GetMemory();

        Assert.True(bigEndian.GetMemory().Span.SequenceEqual(expected.Span), "GetMemory");
        var sync = new MemoryStream();
        bigEndian.CopyTo(sync);
        Assert.True(sync.ToArray().AsSpan().SequenceEqual(expected.Span), "CopyTo");
        var async = new MemoryStream();
        await bigEndian.CopyToAsync(async);
        Assert.True(async.ToArray().AsSpan().SequenceEqual(expected.Span), "CopyToAsync");
    }

    [Fact]
    public void Values_under_the_threshold_and_stream_input_are_read_into_memory()
    {
        var path = TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm");
        var fromFile = DicomFileReader.Read(path);
        Assert.All(DatasetComparison.Flatten(fromFile.Dataset).OfType<DicomElement>().Where(e => e.Length < DicomReaderOptions.Default.LargeValueThreshold),
            e => Assert.True(e.Buffer.IsLoaded, e.Tag.ToString()));

        using var stream = File.OpenRead(path);
        var fromStream = DicomFileReader.Read(stream);
        Assert.IsType<MemoryBuffer>(((DicomElement)fromStream.Dataset[DicomTag.PixelData]!).Buffer);
        DatasetComparison.AssertEquivalent(fromFile.Dataset, fromStream.Dataset);

        var lowThreshold = DicomFileReader.Read(path, new DicomReaderOptions { LargeValueThreshold = 16 });
        Assert.IsType<FileRangeBuffer>(((DicomElement)lowThreshold.Dataset[new DicomTag(0x0008, 0x0018)]!).Buffer);
        DatasetComparison.AssertEquivalent(fromFile.Dataset, lowThreshold.Dataset);
    }

    [Fact]
    public void A_file_written_from_deferred_values_reads_back_with_deferred_values()
    {
        using var temp = new TempFolder();
        var original = ReadWriteCorpus.Read("ct_mr/CT_WG04_CT1_EBE.dcm");
        var target = temp.File("ebe-as-ele.dcm");
        DicomFileWriter.Write(target, original, DicomTransferSyntax.ExplicitVRLittleEndian);

        var copy = DicomFileReader.Read(target);
        var buffer = Assert.IsType<FileRangeBuffer>(((DicomElement)copy.Dataset[DicomTag.PixelData]!).Buffer);
        Assert.Equal(1, buffer.SwapUnit);
        DatasetComparison.AssertEquivalent(original.Dataset, copy.Dataset, DatasetComparisonOptions.Rewritten);
    }

    // ---- sequence lengths ----------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(FilesWithSequences))]
    public void Undefined_and_defined_sequence_lengths_read_back_identically(string corpusFile)
    {
        var original = ReadWriteCorpus.Read(corpusFile);
        var undefinedBytes = ReadWriteCorpus.WriteToBytes(original, options: new DicomWriterOptions { SequenceLength = SequenceLengthEncoding.Undefined });
        var definedBytes = ReadWriteCorpus.WriteToBytes(original, options: new DicomWriterOptions { SequenceLength = SequenceLengthEncoding.Defined });
        var undefined = ReadWriteCorpus.ReadBytes(undefinedBytes);
        var defined = ReadWriteCorpus.ReadBytes(definedBytes);

        DatasetComparison.AssertEquivalent(original.Dataset, undefined.Dataset, DatasetComparisonOptions.Rewritten, "undefined");
        DatasetComparison.AssertEquivalent(original.Dataset, defined.Dataset, DatasetComparisonOptions.Rewritten, "defined");
        DatasetComparison.AssertEquivalent(undefined.Dataset, defined.Dataset, DatasetComparisonOptions.Rewritten, "undefined vs defined");

        var sequences = SequencesOf(undefined.Dataset).ToList();
        Assert.NotEmpty(sequences);
        Assert.All(sequences, s => Assert.True(s.UndefinedLength, s.Tag.ToString()));
        Assert.All(sequences.SelectMany(s => s.Items), i => Assert.True(i.UndefinedLength));
        Assert.All(SequencesOf(defined.Dataset), s => Assert.False(s.UndefinedLength, s.Tag.ToString()));
        Assert.All(SequencesOf(defined.Dataset).SelectMany(s => s.Items), i => Assert.False(i.UndefinedLength));

        // Each undefined-length item and sequence costs a delimiter (8 bytes); the deflated files are compared inflated.
        if (!original.TransferSyntax.IsDeflated)
        {
            var items = sequences.Sum(s => s.Items.Count);
            Assert.Equal(definedBytes.Length + 8L * (sequences.Count + items), undefinedBytes.Length);
        }
    }

    [Fact]
    public void Preserve_keeps_the_sequence_and_item_lengths_the_source_used()
    {
        // A dataset made here, so that the mix of both forms is known.
        var inner = new DicomDataset { UndefinedLength = false };
        inner.SetString(new DicomTag(0x0008, 0x0100), DicomVR.SH, "CODE");
        var outer = new DicomDataset { UndefinedLength = true };
        outer.Set(new DicomSequence(new DicomTag(0x0040, 0xA043), [inner]) { UndefinedLength = false });
        var dataset = new DicomDataset();
        dataset.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, "1.2.3.4");
        dataset.Set(new DicomSequence(new DicomTag(0x0040, 0xA730), [outer]) { UndefinedLength = true });
        var file = new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        var copy = ReadWriteCorpus.RoundTrip(file);
        var content = copy.Dataset.GetSequence(new DicomTag(0x0040, 0xA730))!;
        Assert.True(content.UndefinedLength);
        Assert.True(content.Items[0].UndefinedLength);
        var code = content.Items[0].GetSequence(new DicomTag(0x0040, 0xA043))!;
        Assert.False(code.UndefinedLength);
        Assert.False(code.Items[0].UndefinedLength);
        Assert.Equal("CODE", code.Items[0].GetString(new DicomTag(0x0008, 0x0100)));
    }

    // ---- preamble and meta ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("ct_mr/CT_WG04_CT1_ELE.dcm")] // source preamble is not zero
    [InlineData("interop/structure/GH340_BitsAllocated12.dcm")] // source has no preamble or meta at all
    [InlineData("interop/ts/report_dfl_Deflated_SR.dcm")]
    public void The_written_preamble_is_128_zero_bytes_then_DICM(string corpusFile)
    {
        foreach (var syntax in ReadWriteCorpus.UncompressedSyntaxes)
        {
            var bytes = ReadWriteCorpus.WriteToBytes(ReadWriteCorpus.Read(corpusFile), syntax);
            Assert.False(bytes.AsSpan(0, 128).ContainsAnyExcept((byte)0), "preamble not zeroed");
            Assert.Equal("DICM", Encoding.ASCII.GetString(bytes, 128, 4));
            Assert.True(ReadWriteCorpus.ReadBytes(bytes).HadPreamble);
        }
    }

    [Theory]
    [InlineData("ct_mr/CT_WG04_CT1_ELE.dcm", "ExplicitBE")]
    [InlineData("interop/structure/GH340_BitsAllocated12.dcm", "ExplicitLE")]
    [InlineData("ct_mr/MR_brain_TS2_ILE.dcm", "Deflated")]
    [InlineData("nm/WG04_NM1_JPLL.dcm", null)]
    public void The_meta_group_has_an_exact_group_length_and_our_implementation_identity(string corpusFile, string? syntaxName)
    {
        var original = ReadWriteCorpus.Read(corpusFile);
        var syntax = syntaxName is null ? original.TransferSyntax : ReadWriteCorpus.FromShortName(syntaxName);
        var bytes = ReadWriteCorpus.WriteToBytes(original, syntax);

        // Walk the meta group by hand (Explicit VR Little Endian) and check its declared length.
        var span = bytes.AsSpan();
        Assert.Equal(new byte[] { 0x02, 0x00, 0x00, 0x00, (byte)'U', (byte)'L', 0x04, 0x00 }, span.Slice(132, 8).ToArray());
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(span[140..]);
        var pos = 144;
        var elements = new Dictionary<ushort, byte[]>();
        while (BinaryPrimitives.ReadUInt16LittleEndian(span[pos..]) == 0x0002)
        {
            var element = BinaryPrimitives.ReadUInt16LittleEndian(span[(pos + 2)..]);
            var vr = Encoding.ASCII.GetString(bytes, pos + 4, 2);
            int headerLength, length;
            if (vr is "OB" or "UN" or "UT" or "SQ" or "OW" or "UC" or "UR")
            {
                headerLength = 12;
                length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(pos + 8)..]);
            }
            else
            {
                headerLength = 8;
                length = BinaryPrimitives.ReadUInt16LittleEndian(span[(pos + 6)..]);
            }
            Assert.True(length % 2 == 0, $"(0002,{element:X4}) has odd length {length}");
            elements[element] = span.Slice(pos + headerLength, length).ToArray();
            pos += headerLength + length;
        }
        Assert.Equal(declared, (uint)(pos - 144));

        string Text(ushort element) => Encoding.ASCII.GetString(elements[element]).TrimEnd('\0', ' ');
        Assert.Equal(new byte[] { 0x00, 0x01 }, elements[0x0001]);
        Assert.Equal(syntax.Uid, Text(0x0010));
        Assert.Equal(DicomImplementation.ClassUid, Text(0x0012));
        Assert.Equal(DicomImplementation.VersionName, Text(0x0013));
        // Media Storage SOP Class/Instance come from the dataset (an ACR-NEMA source may have neither).
        if (original.Dataset.GetSingleString(DicomTag.SopClassUid) is { } sopClass) Assert.Equal(sopClass, Text(0x0002));
        if (original.Dataset.GetSingleString(DicomTag.SopInstanceUid) is { } sopInstance) Assert.Equal(sopInstance, Text(0x0003));
        // UIDs are padded with NUL, never with a space.
        Assert.DoesNotContain((byte)' ', elements[0x0010]);
        Assert.DoesNotContain((byte)' ', elements[0x0012]);

        var read = ReadWriteCorpus.ReadBytes(bytes);
        Assert.Empty(read.Warnings);
        Assert.Equal(pos, read.DatasetOffset);
    }

    [Fact]
    public void The_meta_group_is_rebuilt_when_a_file_is_transcoded()
    {
        var original = ReadWriteCorpus.Read("ct_mr/CT_WG04_CT1_ELE.dcm");
        Assert.Equal("1.3.6.1.4.1.5962.2", original.FileMetaInformation.GetSingleString(DicomTag.ImplementationClassUid));
        var copy = ReadWriteCorpus.RoundTrip(original, DicomTransferSyntax.ImplicitVRLittleEndian);
        Assert.Equal(DicomImplementation.ClassUid, copy.FileMetaInformation.GetSingleString(DicomTag.ImplementationClassUid));
        Assert.Equal(DicomImplementation.VersionName, copy.FileMetaInformation.GetSingleString(DicomTag.ImplementationVersionName));
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian.Uid, copy.FileMetaInformation.GetSingleString(DicomTag.TransferSyntaxUid));
        // The source AE title is the sender's, not ours: it is kept.
        Assert.Equal("CLUNIE1", copy.FileMetaInformation.GetSingleString(DicomTag.SourceApplicationEntityTitle));
    }

    // ---- group lengths and padding -------------------------------------------------------------------------

    [Fact]
    public void Group_lengths_are_recomputed_when_kept_and_dropped_otherwise()
    {
        var dataset = new DicomDataset();
        dataset.Set(DicomElement.FromValues(new DicomTag(0x0008, 0x0000), DicomVR.UL, 12345u)); // wrong on purpose
        dataset.SetString(new DicomTag(0x0008, 0x0016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(new DicomTag(0x0008, 0x0018), DicomVR.UI, "1.2.3");
        dataset.Set(DicomElement.FromValues(new DicomTag(0x0010, 0x0000), DicomVR.UL, 0u));
        dataset.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, "Doe^Jane");
        var file = new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        foreach (var syntax in ReadWriteCorpus.UncompressedSyntaxes)
        {
            var kept = ReadWriteCorpus.RoundTrip(file, syntax);
            // Explicit: 8-byte headers; implicit: 8-byte headers too. UIDs are padded to even length.
            // (0008,0016) 26 bytes, (0008,0018) "1.2.3" padded to 6.
            Assert.Equal((uint)(8 + 26 + 8 + 6), kept.Dataset.GetElement(new DicomTag(0x0008, 0x0000))!.GetValue<uint>());
            Assert.Equal((uint)(8 + 8), kept.Dataset.GetElement(new DicomTag(0x0010, 0x0000))!.GetValue<uint>());

            var dropped = ReadWriteCorpus.RoundTrip(file, syntax, new DicomWriterOptions { KeepGroupLengths = false });
            Assert.DoesNotContain(dropped.Dataset, a => a.Tag.IsGroupLength);
            Assert.Equal(3, dropped.Dataset.Count);
        }
    }

    [Fact]
    public void A_wrong_group_length_in_the_source_is_corrected_as_DCMTK_corrects_it()
    {
        // GH340 is an ACR-NEMA file whose (0008,0000) says 190; its elements take 178 bytes (dcmconv recomputes 178 too).
        var original = ReadWriteCorpus.Read("interop/structure/GH340_BitsAllocated12.dcm");
        Assert.Equal(190, original.Dataset.GetInteger(new DicomTag(0x0008, 0x0000)));
        var copy = ReadWriteCorpus.RoundTrip(original);
        Assert.Equal(178, copy.Dataset.GetInteger(new DicomTag(0x0008, 0x0000)));
        Assert.Equal(18, copy.Dataset.GetInteger(new DicomTag(0x0010, 0x0000)));
    }

    [Fact]
    public void Odd_length_values_are_padded_with_the_padding_of_their_VR()
    {
        var dataset = new DicomDataset();
        dataset.Set(new DicomElement(new DicomTag(0x0008, 0x0018), DicomVR.UI, DicomBuffer.FromBytes("1.2.3"u8.ToArray())));
        dataset.Set(new DicomElement(new DicomTag(0x0008, 0x0060), DicomVR.CS, DicomBuffer.FromBytes("CTX"u8.ToArray())));
        dataset.Set(new DicomElement(new DicomTag(0x0009, 0x0010), DicomVR.LO, DicomBuffer.FromBytes("ACME"u8.ToArray())));
        dataset.Set(new DicomElement(new DicomTag(0x0009, 0x1001), DicomVR.OB, DicomBuffer.FromBytes(new byte[] { 1, 2, 3 })));
        var file = new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        foreach (var syntax in ReadWriteCorpus.UncompressedSyntaxes)
        {
            var copy = ReadWriteCorpus.RoundTrip(file, syntax);
            Assert.Equal("1.2.3\0"u8.ToArray(), copy.Dataset.GetElement(new DicomTag(0x0008, 0x0018))!.Buffer.GetMemory().ToArray());
            Assert.Equal("CTX "u8.ToArray(), copy.Dataset.GetElement(new DicomTag(0x0008, 0x0060))!.Buffer.GetMemory().ToArray());
            Assert.Equal(new byte[] { 1, 2, 3, 0 }, copy.Dataset.GetElement(new DicomTag(0x0009, 0x1001))!.Buffer.GetMemory().ToArray());
            Assert.Equal("1.2.3", copy.Dataset.GetSingleString(new DicomTag(0x0008, 0x0018)));
        }
    }

    [Fact]
    public void A_short_VR_value_over_64_KiB_is_written_as_UN_in_explicit_little_endian()
    {
        var values = Enumerable.Range(0, 40_000).Select(i => (ushort)i).ToArray();
        var dataset = new DicomDataset();
        dataset.Set(DicomElement.FromValues(new DicomTag(0x0028, 0x3006), DicomVR.US, values));
        var file = new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        var copy = ReadWriteCorpus.RoundTrip(file);
        var element = copy.Dataset.GetElement(new DicomTag(0x0028, 0x3006))!;
        Assert.Equal(DicomVR.UN, element.VR);
        Assert.Equal(values, element.GetValues<ushort>());
    }

    [Fact]
    public void Encapsulated_pixel_data_keeps_its_offset_table_and_fragments()
    {
        var original = ReadWriteCorpus.Read("interop/ts/D_CLUNIE_CT1_RLE_FRAGS.dcm");
        var fragments = Assert.IsType<DicomFragmentSequence>(original.Dataset[DicomTag.PixelData]);
        Assert.True(fragments.Fragments.Count > 1);
        var copy = ReadWriteCorpus.RoundTrip(original);
        var copied = Assert.IsType<DicomFragmentSequence>(copy.Dataset[DicomTag.PixelData]);
        Assert.Equal(fragments.Fragments.Count, copied.Fragments.Count);
        Assert.Equal(fragments.GetBasicOffsets(), copied.GetBasicOffsets());
        Assert.Equal(fragments.VR, copied.VR);
    }

    [Fact]
    public void Encapsulated_pixel_data_cannot_be_written_in_a_native_syntax()
    {
        var original = ReadWriteCorpus.Read("nm/WG04_NM1_RLE.dcm");
        Assert.Throws<InvalidOperationException>(() => ReadWriteCorpus.WriteToBytes(original, DicomTransferSyntax.ExplicitVRLittleEndian));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static IEnumerable<DicomSequence> SequencesOf(DicomDataset dataset) => DatasetComparison.Flatten(dataset).OfType<DicomSequence>();

    /// <summary>Offset of the first byte after the meta group.</summary>
    private static int DatasetStart(byte[] bytes) => 144 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(140));
}
