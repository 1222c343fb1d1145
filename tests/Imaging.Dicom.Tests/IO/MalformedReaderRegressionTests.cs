using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using static Imaging.Dicom.Tests.IO.MalformedBytes;

namespace Imaging.Dicom.Tests.IO;

/// <summary>Regression tests for bugs the malformed-input and fuzz tests found (all fixed). Each comment states the
/// input and what the reader or writer did before the fix.</summary>
public sealed class MalformedReaderRegressionTests
{
    // BUG: DicomFileReader.Read treats any 8+ zero bytes as a raw Implicit VR dataset of (0000,0000) elements.
    // A zero-filled file (an interrupted copy, a pre-allocated file never written) is accepted as a valid DICOM file.
    [Fact]
    public void Rejects_a_file_of_only_zero_bytes()
    {
        foreach (var length in new[] { 8, 128, 4096 })
        {
            var error = Assert.Throws<DicomFormatException>(() => DicomFileReader.Read(new MemoryStream(new byte[length])));
            Assert.Equal(0, error.Offset);
        }
    }

    // BUG: a 128-byte preamble + "DICM" with nothing after it (and "DICM" alone) reads as an empty DICOM file with only a
    // warning. There is no meta group and no dataset: nothing to ingest.
    [Fact]
    public void Rejects_a_preamble_with_nothing_after_it()
    {
        foreach (var input in new[] { Preamble(), "DICM"u8.ToArray() })
        {
            var error = Assert.Throws<DicomFormatException>(() => DicomFileReader.Read(new MemoryStream(input)));
            Assert.InRange(error.Offset, 0, input.Length);
        }
    }

    // BUG: KeepPartialOnError promises "return what was read so far instead of throwing", but DicomFileReader.Read parses
    // the meta group (metaParser.ReadMetaGroup) outside its try/catch, so an error in group 0002 still throws.
    [Fact]
    public void KeepPartialOnError_returns_a_partial_file_when_the_meta_group_is_truncated()
    {
        var bytes = MalformedSamples.File(DicomTransferSyntax.ExplicitVRLittleEndian);
        var cut = bytes[..200]; // inside (0002,0003) Media Storage SOP Instance UID
        var file = DicomFileReader.Read(new MemoryStream(cut), new DicomReaderOptions { KeepPartialOnError = true });
        Assert.True(file.IsPartial);
        Assert.NotNull(file.Error);
        Assert.InRange(file.Error!.Offset, 132, cut.Length);
        Assert.True(file.FileMetaInformation.Contains(DicomTag.MediaStorageSopClassUid));
        Assert.Equal(0, file.Dataset.Count);
    }

    // BUG: DicomReaderOptions.KeepPartialOnError documents "with the error as the last warning", but the catch in
    // DicomFileReader.Read only sets DicomFile.Error; the warning list does not get it.
    [Fact]
    public void A_partial_read_records_its_error_as_the_last_warning()
    {
        var file = DicomFileReader.Read(TestPaths.Corpus("interop/malformed/GH179B_partial.dcm"), new DicomReaderOptions { KeepPartialOnError = true });
        Assert.True(file.IsPartial);
        Assert.Equal(file.Error!.Offset, file.Warnings[^1].Offset);
        Assert.Equal(file.Error.Reason, file.Warnings[^1].Message);
    }

    // BUG: a deflated dataset cut short is not detected. DeflateStream returns end-of-data at the cut without error, and
    // DicomFileReader.ReadDeflated takes that as the end of the dataset: a file cut anywhere in its first ~75 deflated bytes
    // reads as an EMPTY dataset, and cuts further on silently drop the tail elements, with no warning and IsPartial false.
    [Fact]
    public void Reports_a_truncated_deflate_stream()
    {
        var bytes = MalformedSamples.File(DicomTransferSyntax.DeflatedExplicitVRLittleEndian);
        var full = DicomFileReader.Read(new MemoryStream(bytes));
        var silent = new List<string>();
        for (var n = (int)full.DatasetOffset; n < bytes.Length; n++)
        {
            try
            {
                var file = DicomFileReader.Read(new MemoryStream(bytes, 0, n, writable: false));
                if (file.Warnings.Count == 0 && FuzzTarget.Shape(file.Dataset) != FuzzTarget.Shape(full.Dataset))
                    silent.Add($"cut at {n}: {file.Dataset.Count} of {full.Dataset.Count} attributes");
            }
            catch (DicomFormatException)
            {
                // What a cut should give (or at least a warning).
            }
        }
        Assert.True(silent.Count == 0, $"{silent.Count} cuts lose data silently, e.g. {string.Join("; ", silent.Take(5))}");
    }

    // BUG: in a deflated dataset DicomFormatException.Offset (and warning offsets) count bytes of the INFLATED stream
    // from 0, not file positions: an error can report an offset far past the end of the file, and a small one points
    // into the preamble or meta group. Expected: an offset inside the file (e.g. where the deflated data starts), or a
    // documented separate inflated offset.
    [Fact]
    public void Deflated_error_offsets_lie_within_the_file()
    {
        var zeros = new DicomDataset();
        zeros.Set(new DicomElement(new DicomTag(0x0009, 0x1010), DicomVR.OB, DicomBuffer.FromBytes(new byte[200_000])));
        var inflated = new MemoryStream();
        DicomDatasetWriter.Write(inflated, zeros, DicomTransferSyntax.ExplicitVRLittleEndian);
        inflated.Write(ExplicitHeader(0x0010, 0x0010, "PN", 0x1000)); // a value 4096 bytes long with 3 present
        inflated.Write([1, 2, 3]);
        var file = Part10(DicomTransferSyntax.DeflatedExplicitVRLittleEndian, inflated.ToArray());
        Assert.True(file.Length < 2000);
        var error = Assert.Throws<DicomFormatException>(() => DicomFileReader.Read(new MemoryStream(file)));
        Assert.InRange(error.Offset, 0, file.Length); // today: 200023
    }

    // BUG (writer, IO/DicomFileWriter.cs): DicomFileWriter.Write writes group 0002 elements found in file.Dataset into the
    // dataset body, right after the meta group, where every reader takes them as meta elements. A dataset holding
    // (0002,0010) thereby overrides the Transfer Syntax UID of the file written: here the file is Explicit VR LE but reads
    // back as deflated and fails ("Corrupt Inflated dataset"). Found by the fuzz smoke test (round-trip shape change).
    [Fact]
    public void File_writer_keeps_group_0002_elements_of_the_dataset_out_of_the_meta_group()
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.9");
        dataset.SetString(DicomTag.TransferSyntaxUid, DicomVR.UI, DicomTransferSyntax.DeflatedExplicitVRLittleEndian.Uid);
        dataset.SetString(MalformedSamples.PatientName, DicomVR.PN, "Doe^Jane");
        var output = new MemoryStream();
        DicomFileWriter.Write(output, new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian));

        var file = DicomFileReader.Read(new MemoryStream(output.ToArray()));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian.Uid, file.TransferSyntax.Uid);
        Assert.Equal("Doe^Jane", file.Dataset.GetString(MalformedSamples.PatientName));
    }

    // BUG: the MANIFEST says of GH626 "reader must continue to PixelData". Implicit-VR private (2005,140F) declares 256
    // bytes but holds an explicit-VR sequence item (undefined length) whose item delimiter ends 4 bytes later, at 1084;
    // (2005,141A) and PixelData (7FE0,0010) follow. The reader reads 256 bytes as UN and resumes 4 bytes early, at 1080,
    // reading "(0000,0000) length 337256453" and stopping. Expected: recover (e.g. parse a private UN value that starts
    // with an item tag as a sequence, explicit or implicit as its content shows, and resume after its last delimiter)
    // and reach PixelData, with a warning.
    [Fact]
    public void GH626_reads_on_to_the_pixel_data()
    {
        var file = DicomFileReader.Read(TestPaths.Corpus("interop/malformed/GH626_bad_private_SQ.dcm"), new DicomReaderOptions { KeepPartialOnError = true });
        Assert.False(file.IsPartial, file.Error?.Message);
        Assert.NotNull(file.Dataset[DicomTag.PixelData]);
        Assert.NotEmpty(file.Warnings);
    }

    // BUG (performance, a hang in practice): DicomDataset.Set inserts into a sorted List, so elements arriving in
    // DESCENDING tag order cost O(n) each: 4 groups x 65536 zero-length implicit elements (2 MiB) take ~10 s, against
    // ~0.1 s in ascending order; a 32 MiB file of this (within MaxAttributeCount) keeps a reader busy for minutes.
    [Fact]
    public async Task Elements_in_descending_tag_order_are_read_in_linear_time()
    {
        var body = new MemoryStream();
        // 8 groups of 65536: quadratic insertion took minutes here, linear takes well under a second, so a 15 s bound
        // tells them apart even on a loaded two-core CI machine.
        for (var group = 0; group < 8; group++)
            for (var element = 0xFFFF; element >= 0; element--)
                body.Write(TagAndLength((ushort)(0x0009 + 2 * group), (ushort)element, 0));
        var bytes = body.ToArray();
        var result = await MalformedRead.DatasetAsync(bytes, DicomTransferSyntax.ImplicitVRLittleEndian, timeout: TimeSpan.FromSeconds(15));
        Assert.Equal(8 * 65536, result.Succeeded("descending").Count);
    }

    // BUG: DicomInput.ReadBytes says a claimed length "cannot make us allocate more than the stream really holds", but on
    // a stream without a length its first buffer is min(claim, 4 MiB): an OB claiming 3 MiB with 100 bytes behind it
    // allocates 3 MiB, GH626's bogus (0000,0000) claim of 337 MB allocates 4 MiB for a 132 KB file. Expected: start small
    // (e.g. the 64 KiB window) and double as data really arrives, keeping allocation within a few times the input.
    [Fact]
    public async Task A_claimed_length_on_a_non_seekable_stream_allocates_only_what_arrives()
    {
        var body = Concat(Explicit(0x0008, 0x0060, "CS", "OT"), ExplicitHeader(0x0009, 0x1001, "OB", 3 * 1024 * 1024), new byte[100]);
        var result = await MalformedRead.DatasetAsync(body, DicomTransferSyntax.ExplicitVRLittleEndian, seekable: false);
        result.FormatError("3 MiB claim, 100 bytes present");
        Assert.True(result.AllocatedBytes < 512 * 1024, $"allocated {result.AllocatedBytes} bytes for a {body.Length}-byte input");
    }

    // BUG (writer, IO/DicomDatasetWriter.cs): a group length element (gggg,0000), gggg > 0002, is always WRITTEN as a
    // 4-byte UL (recomputed), but MEASURED with the length it was read with (MeasureAttribute: header + e.Length). When a
    // file had a group length of another size (2 bytes here; AFL found one inside a private sequence item), every
    // defined-length item and sequence around it gets a length that is short by the difference, and the reader then
    // rejects what the writer wrote: "An element ran past the end of its item".
    [Fact]
    public async Task Writer_measures_a_recomputed_group_length_as_it_writes_it()
    {
        var item = new DicomDataset { UndefinedLength = false };
        item.Set(new DicomElement(new DicomTag(0x0009, 0x0000), DicomVR.UL, DicomBuffer.FromBytes(new byte[] { 8, 0 })));
        item.SetString(new DicomTag(0x0009, 0x0010), DicomVR.LO, "ACME");
        var dataset = new DicomDataset();
        dataset.Set(new DicomSequence(new DicomTag(0x0009, 0x1011), [item]) { UndefinedLength = false });
        dataset.SetString(MalformedSamples.PatientName, DicomVR.PN, "Doe^Jane");
        foreach (var syntax in new[] { DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian })
        {
            var output = new MemoryStream();
            DicomDatasetWriter.Write(output, dataset, syntax);
            var again = (await MalformedRead.DatasetAsync(output.ToArray(), syntax)).Succeeded(syntax.Name);
            Assert.Equal("Doe^Jane", again.GetString(MalformedSamples.PatientName));
        }
    }

    // BUG: CappedReadStream.Read hands the whole caller buffer to the inflater and checks the cap afterwards, so one read
    // overshoots MaxInflatedLength by up to the buffer size: DicomInput.ReadBytes asks for up to 4 MiB at once (and more
    // as it doubles), so with a 1 MiB cap the bomb below inflates 4 MiB before failing ("at byte offset 4194326").
    // Expected: clamp each read to what the cap still allows, so inflation stops within a window of the cap.
    [Fact]
    public async Task Inflation_stops_at_MaxInflatedLength()
    {
        const int cap = 1024 * 1024;
        var inflated = Concat(Explicit(0x0008, 0x0060, "CS", "OT"), ExplicitHeader(0x0009, 0x1001, "OB", 512u * 1024 * 1024), new byte[8 * cap]);
        var file = Part10(DicomTransferSyntax.DeflatedExplicitVRLittleEndian, inflated);
        var result = await MalformedRead.FileAsync(file, MalformedSource.Seekable, new DicomReaderOptions { MaxInflatedLength = cap });
        var error = result.FormatError("deflate bomb");
        Assert.InRange(Assert.IsType<DicomFormatException>(error.InnerException).Offset, cap, cap + 64 * 1024);
    }

    // BUG (cost): DicomParser.Warn is passed an interpolated message that is formatted before Warn drops it past
    // MaxWarnings (100), and duplicates are built as elements before being discarded. Input that is all zeros (a
    // deflated bomb here; equally a zero-filled tail in any file) becomes one (0000,0000) header per 8 bytes, each costing
    // two formatted warnings: ~65 bytes allocated and ~8 us per input byte (1 MiB inflated: 68 MB, ~1 s). Up to the
    // default MaxAttributeCount that is 4M elements, ~2 GB of garbage and tens of seconds for a 32 MiB input.
    // Expected: no formatting once the warning list is full; allocation within a small multiple of the input.
    [Fact]
    public async Task Zero_filled_input_allocates_a_small_multiple_of_its_size()
    {
        const int cap = 1024 * 1024;
        var file = Part10(DicomTransferSyntax.DeflatedExplicitVRLittleEndian, new byte[16 * cap]);
        var result = await MalformedRead.FileAsync(file, MalformedSource.Seekable, new DicomReaderOptions { MaxInflatedLength = cap });
        result.FormatError("zeros");
        Assert.True(result.AllocatedBytes < 16L * cap, $"allocated {result.AllocatedBytes} bytes for {cap} inflated bytes");
    }
}
