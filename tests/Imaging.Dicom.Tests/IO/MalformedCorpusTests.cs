using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace Imaging.Dicom.Tests.IO;

/// <summary>Files from interop/malformed that broke other toolkits. Each must read (with warnings) or fail with
/// <see cref="DicomFormatException"/>; with KeepPartialOnError it must never throw; every source (path, seekable and
/// non-seekable stream) must give the same dataset. <see cref="Outcomes"/> documents what each file does today.</summary>
public sealed class MalformedCorpusTests(ITestOutputHelper output)
{
    private const string Folder = "interop/malformed";

    /// <summary>The outcome of each file with default options: whether it reads, and why (from MANIFEST.tsv and from
    /// what the reader was seen to do). A new file in the folder fails <see cref="Every_malformed_file_has_a_documented_outcome"/>
    /// until it is described here.</summary>
    private static readonly Dictionary<string, (bool Reads, string Outcome)> Outcomes = new()
    {
        ["bad_sequence.dcm"] = (true, "Reads completely, no warnings: the implicit-VR sequence carrying VR UN (undefined length) is parsed as a sequence (PS3.5 6.2.2); encapsulated JPEG pixel data."),
        ["emri_small_j2k_too_short.dcm"] = (true, "Reads with one warning: the encapsulated pixel data ends without its sequence delimiter (data shorter than expected)."),
        ["explicit_VR-UN.dcm"] = (true, "Reads completely: almost every element is explicit UN, kept as UN bytes."),
        ["FreezePattern_zero_len_SQ.dcm"] = (true, "Reads with warnings (items where elements belong are skipped, duplicates keep the first); finishes quickly: the zero-length sequence pattern does not loop."),
        ["gdcm-US-ALOKA-16_big.dcm"] = (true, "Reads completely as Explicit VR Big Endian; segmented palette LUT kept as bytes."),
        ["GH1339_missing_seq_delim.dcm"] = (true, "Reads with one warning: the last fragment is followed by end of file instead of a sequence delimiter."),
        ["GH177_CT1_BigEndian_undefined_length.dcm"] = (true, "Reads completely: big endian with undefined-length sequences."),
        ["GH177_CT1_ELE_undefined_length.dcm"] = (true, "Reads completely, the same values as its big-endian twin."),
        ["GH179B_partial.dcm"] = (false, "Fails at offset 1456: (2031,0028) has non-standard VR bytes and a length (20300) past the end of the file; KeepPartialOnError keeps the 56 attributes before it."),
        ["GH220.dcm"] = (true, "Reads: tiny Philips private-SOP-class file with an empty private sequence."),
        ["GH223_private_SQ_empty_item.dcm"] = (true, "Reads: private sequence whose first item is empty and second holds data."),
        ["GH364_tag_beyond_00185020.dcm"] = (true, "Reads with warnings (meta group length wrong by 10 bytes; an item where an element belongs is skipped) and reaches StudyInstanceUID."),
        ["GH487_last_private_SQ_empty_items.dcm"] = (true, "Reads: the last element is a private sequence of empty items."),
        ["GH626_bad_private_SQ.dcm"] = (true, "Reads through to PixelData: implicit-VR private (2005,140F) declares 256 bytes but holds explicit-VR items (recognised because their VR letters match the dictionary) whose last delimiter ends 4 bytes later; both are warnings."),
        ["no_preamble_dicm_in_data"] = (true, "Reads as a raw Explicit VR LE dataset: the 'DICM' at byte 128 is inside StationName 'DICMA1', not a Part 10 prefix."),
        ["Tag-0040-A170-VR-CS.dcm"] = (true, "Reads completely: (0040,A170) inside a sequence holds CS 'NAMED TYPE' though today's dictionary says SQ; it must stay a plain value."),
    };

    private static IEnumerable<string> MalformedFileNames() =>
        TestPaths.CorpusFiles().Where(f => f.StartsWith(Folder + "/", StringComparison.Ordinal)).Select(Path.GetFileName).OfType<string>();

    public static TheoryData<string> MalformedFiles() => new(MalformedFileNames());

    [Fact]
    public void Every_malformed_file_has_a_documented_outcome()
    {
        var files = MalformedFileNames().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.True(Outcomes.ContainsKey(f), $"{f}: add its outcome to {nameof(Outcomes)}"));
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task Malformed_file_reads_with_warnings_or_fails_with_a_format_error(string name)
    {
        var path = TestPaths.Corpus($"{Folder}/{name}");
        var bytes = File.ReadAllBytes(path);
        var (reads, outcome) = Outcomes[name];
        output.WriteLine($"{name}: {outcome}");

        var strict = await MalformedRead.RunAsync(() => DicomFileReader.Read(path), name);
        if (reads)
        {
            var file = strict.Succeeded(name);
            Assert.False(file.IsPartial);
            foreach (var w in file.Warnings) output.WriteLine($"  warning: {w}");
        }
        else
        {
            var error = strict.FormatError(name);
            Assert.InRange(error.Offset, 0, bytes.Length);
            output.WriteLine($"  error: {error.Message}");
        }

        // KeepPartialOnError never throws for these files, and agrees with the strict read.
        var partialOptions = new DicomReaderOptions { KeepPartialOnError = true };
        var fromPath = (await MalformedRead.RunAsync(() => DicomFileReader.Read(path, partialOptions), name)).Succeeded(name + " (partial)");
        Assert.Equal(!reads, fromPath.IsPartial);
        if (strict.Error is DicomFormatException strictError) Assert.Equal(strictError.Offset, fromPath.Error!.Offset);

        // The same bytes through a seekable and a non-seekable stream (values in memory, not deferred) give the same dataset.
        foreach (var source in new[] { MalformedSource.Seekable, MalformedSource.NonSeekable })
        {
            var result = await MalformedRead.FileAsync(bytes, source, partialOptions, $"{name} via {source}");
            var file = result.Succeeded($"{name} via {source}");
            Assert.Equal(fromPath.IsPartial, file.IsPartial);
            Assert.Equal(FuzzTarget.Shape(fromPath.Dataset), FuzzTarget.Shape(file.Dataset));
            Assert.Equal(fromPath.Warnings.Count, file.Warnings.Count);
            Assert.True(result.AllocatedBytes < 4L * bytes.Length + 1024 * 1024, $"{name} via {source}: allocated {result.AllocatedBytes} bytes");
        }
    }

    [Fact]
    public async Task GH364_still_reaches_StudyInstanceUID_past_a_wrong_meta_group_length_and_a_stray_item()
    {
        var file = (await MalformedRead.RunAsync(() => DicomFileReader.Read(TestPaths.Corpus($"{Folder}/GH364_tag_beyond_00185020.dcm")), "GH364")).Succeeded("GH364");
        Assert.Equal("1.2.124.113532.142.76.62.97.2013730142605007519126534", file.Dataset.GetString(MalformedSamples.StudyInstanceUid));
        Assert.Equal(DicomTransferSyntax.JpegLsLossless.Uid, file.TransferSyntax.Uid);
        Assert.Contains(file.Warnings, w => w.Message.Contains("meta group length", StringComparison.Ordinal));
        Assert.IsType<DicomFragmentSequence>(file.Dataset[DicomTag.PixelData]);
    }

    [Fact]
    public async Task FreezePattern_does_not_hang_and_reaches_the_pixel_data()
    {
        var path = TestPaths.Corpus($"{Folder}/FreezePattern_zero_len_SQ.dcm");
        foreach (var keepPartial in new[] { false, true })
        {
            var result = await MalformedRead.RunAsync(() => DicomFileReader.Read(path, new DicomReaderOptions { KeepPartialOnError = keepPartial }), "FreezePattern", TimeSpan.FromSeconds(5));
            var file = result.Succeeded("FreezePattern");
            Assert.Equal(512L * 512 * 3, file.Dataset.GetElement(DicomTag.PixelData)!.Length);
            Assert.InRange(file.Warnings.Count, 1, 100);
        }
    }

    [Fact]
    public async Task No_preamble_file_with_DICM_in_its_data_is_read_as_a_raw_dataset()
    {
        var path = TestPaths.Corpus($"{Folder}/no_preamble_dicm_in_data");
        var file = (await MalformedRead.RunAsync(() => DicomFileReader.Read(path), "no_preamble")).Succeeded("no_preamble");
        Assert.False(file.HadPreamble);
        Assert.Equal(0, file.FileMetaInformation.Count);
        Assert.Equal(0, file.DatasetOffset);
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian.Uid, file.TransferSyntax.Uid);
        Assert.Equal(DicomTag.SpecificCharacterSet, file.Dataset.First().Tag);
        Assert.Equal("DICMA1", file.Dataset.GetString(new DicomTag(0x0008, 0x1010)));
        Assert.Equal("MG", file.Dataset.GetString(new DicomTag(0x0008, 0x0060)));
    }

    [Fact]
    public async Task GH179B_keeps_the_attributes_before_the_corrupt_tail()
    {
        var path = TestPaths.Corpus($"{Folder}/GH179B_partial.dcm");
        var strict = await MalformedRead.RunAsync(() => DicomFileReader.Read(path), "GH179B");
        Assert.Equal(1456, strict.FormatError("GH179B").Offset);

        var file = (await MalformedRead.RunAsync(() => DicomFileReader.Read(path, new DicomReaderOptions { KeepPartialOnError = true }), "GH179B")).Succeeded("GH179B partial");
        Assert.True(file.IsPartial);
        Assert.Equal(1456, file.Error!.Offset);
        Assert.Contains("(2031,0028)", file.Error.Message);
        Assert.Equal(56, file.Dataset.Count);
        Assert.Equal("CT", file.Dataset.GetString(new DicomTag(0x0008, 0x0060)));
        Assert.Equal((ushort)512, file.Dataset.GetValue<ushort>(new DicomTag(0x0028, 0x0010)));
        Assert.Contains(file.Warnings, w => w.Message.Contains("invalid VR bytes", StringComparison.Ordinal));
        Assert.Null(file.Dataset[DicomTag.PixelData]);
    }

    [Fact]
    public async Task GH177_little_and_big_endian_twins_read_the_same_values()
    {
        var little = (await MalformedRead.RunAsync(() => DicomFileReader.Read(TestPaths.Corpus($"{Folder}/GH177_CT1_ELE_undefined_length.dcm")), "GH177 LE")).Succeeded("GH177 LE");
        var big = (await MalformedRead.RunAsync(() => DicomFileReader.Read(TestPaths.Corpus($"{Folder}/GH177_CT1_BigEndian_undefined_length.dcm")), "GH177 BE")).Succeeded("GH177 BE");
        Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian.Uid, big.TransferSyntax.Uid);
        Assert.Equal(FuzzTarget.Shape(little.Dataset), FuzzTarget.Shape(big.Dataset));
        foreach (var tag in new[] { new DicomTag(0x0028, 0x0010), new DicomTag(0x0028, 0x0011), DicomTag.BitsAllocated })
            Assert.Equal(little.Dataset.GetValue<ushort>(tag), big.Dataset.GetValue<ushort>(tag));
        Assert.Equal((ushort)512, big.Dataset.GetValue<ushort>(new DicomTag(0x0028, 0x0010)));
        Assert.Equal(little.Dataset.GetElement(DicomTag.PixelData)!.Buffer.GetMemory().ToArray(), big.Dataset.GetElement(DicomTag.PixelData)!.Buffer.GetMemory().ToArray());
    }

    [Fact]
    public async Task GH626_recovers_from_the_wrong_private_sequence_length_and_reaches_the_pixel_data()
    {
        var path = TestPaths.Corpus($"{Folder}/GH626_bad_private_SQ.dcm");
        var file = (await MalformedRead.RunAsync(() => DicomFileReader.Read(path), "GH626")).Succeeded("GH626");
        Assert.Equal(131072, file.Dataset.GetElement(DicomTag.PixelData)!.Length);
        Assert.Contains(file.Warnings, w => w.Message.Contains("explicit VR inside an implicit VR dataset", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Message.Contains("past the end of sequence (2005,140F)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tag_0040_A170_holding_CS_is_read_through_to_the_last_element()
    {
        var path = TestPaths.Corpus($"{Folder}/Tag-0040-A170-VR-CS.dcm");
        var file = (await MalformedRead.RunAsync(() => DicomFileReader.Read(path), "A170")).Succeeded("A170");
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian.Uid, file.TransferSyntax.Uid);
        Assert.Equal(new DicomTag(0x4008, 0x0101), file.Dataset.Last().Tag);
        Assert.NotNull(file.Dataset[MalformedSamples.StudyInstanceUid]);
    }

    [Fact]
    public async Task Missing_delimiters_after_the_last_fragment_are_a_warning_not_an_error()
    {
        foreach (var name in new[] { "GH1339_missing_seq_delim.dcm", "emri_small_j2k_too_short.dcm" })
        {
            var file = (await MalformedRead.RunAsync(() => DicomFileReader.Read(TestPaths.Corpus($"{Folder}/{name}")), name)).Succeeded(name);
            var pixels = Assert.IsType<DicomFragmentSequence>(file.Dataset[DicomTag.PixelData]);
            Assert.NotEmpty(pixels.Fragments);
            Assert.Contains(file.Warnings, w => w.Message.Contains("delimiter of encapsulated (7FE0,0010)", StringComparison.Ordinal));
        }
    }
}
