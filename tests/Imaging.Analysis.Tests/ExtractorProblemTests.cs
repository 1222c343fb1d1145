using Imaging.Analysis.Metadata;
using Imaging.Analysis.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Analysis.Tests;

/// <summary>Files that are missing, damaged or out of place become problems; the rest of the series is still described.</summary>
public sealed class ExtractorProblemTests
{
    private const string Ct1 = "ct_mr/CT_WG04_CT1_ELE.dcm";
    private const string Ct1Uid = "1.3.6.1.4.1.5962.1.1.1.1.1.20040826185059.5457";

    [Fact]
    public void Missing_and_unreadable_files_are_problems_and_the_readable_one_is_described()
    {
        using var temp = new TempFolder();
        var text = temp.File("notes.txt");
        File.WriteAllText(text, "this is not a DICOM file, just some words that are long enough");
        InstanceFile[] files =
        [
            InstanceFile.FromPath(TestPaths.Corpus(Ct1), Ct1Uid),
            InstanceFile.FromPath(temp.File("gone.dcm"), "1.2.3.4"),
            InstanceFile.FromPath(text),
            InstanceFile.Unavailable("1.2.3.5", "blob key 'x' is not one this store produced"),
        ];

        var input = SeriesMetadataExtractor.Extract(files, CancellationToken.None);

        Assert.Equal(1, input.Metadata.InstanceCount);
        Assert.Equal(Ct1Uid, Assert.Single(input.Instances).Metadata.SopInstanceUid);
        Assert.Equal("CT", input.Metadata.Modality);
        Assert.Collection(input.Metadata.Problems,
            p => Assert.Equal(("1.2.3.4", SeriesProblemCodes.MissingFile), (p.Instance, p.Code)),
            p =>
            {
                Assert.Equal(("notes.txt", SeriesProblemCodes.Unreadable), (p.Instance, p.Code));
                Assert.StartsWith("Not readable as DICOM: ", p.Message, StringComparison.Ordinal);
            },
            p =>
            {
                Assert.Equal(("1.2.3.5", SeriesProblemCodes.MissingFile), (p.Instance, p.Code));
                Assert.Contains("not one this store produced", p.Message, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void A_series_with_no_readable_file_says_so()
    {
        using var temp = new TempFolder();

        var m = Extract.Files(temp.File("a.dcm"), temp.File("b.dcm"));

        Assert.Equal(0, m.InstanceCount);
        Assert.Equal(0, m.FrameCount);
        Assert.Contains(m.Problems, p => p.Code == SeriesProblemCodes.NoInstances);
        Assert.Equal(2, m.Problems.Count(p => p.Code == SeriesProblemCodes.MissingFile));
    }

    [Fact]
    public void A_file_holding_another_instance_than_the_index_says_is_left_out()
    {
        var input = SeriesMetadataExtractor.Extract([InstanceFile.FromPath(TestPaths.Corpus(Ct1), "1.2.999")], CancellationToken.None);

        Assert.Empty(input.Instances);
        var problem = input.Metadata.Problems.First();
        Assert.Equal(SeriesProblemCodes.UidMismatch, problem.Code);
        Assert.Contains(Ct1Uid, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_instance_twice_is_described_once()
    {
        var m = Extract.Corpus(Ct1, "ct_mr/CT_WG04_CT1_ILE.dcm");

        Assert.Equal(1, m.InstanceCount);
        Assert.Equal(SeriesProblemCodes.DuplicateInstance, Assert.Single(m.Problems).Code);
    }

    [Fact]
    public void A_file_from_another_series_is_left_out_of_the_series_most_files_belong_to()
    {
        using var temp = new TempFolder();
        // The MR file sorts first (instance 1, lower UID); the two CT slices still outvote it.
        var m = Extract.Files(
            TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm"),
            DerivedFiles.Slice("ct_mr/CT_LCTSC_chest_TCIA.dcm", temp.File("1.dcm"), 1, -640.2),
            DerivedFiles.Slice("ct_mr/CT_LCTSC_chest_TCIA.dcm", temp.File("2.dcm"), 2, -637.2));

        Assert.Equal(2, m.InstanceCount);
        Assert.Equal("CT", m.Modality);
        Assert.Equal("1.3.6.1.4.1.14519.5.2.1.7014.4598.106943890850011666503487579262", m.SeriesInstanceUid);
        var problem = Assert.Single(m.Problems);
        Assert.Equal(SeriesProblemCodes.OtherSeries, problem.Code);
        Assert.Contains("1.3.12.2.1107.5.2.32.35131.2014031012481958900586557.0.0.0", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_cut_short_is_described_from_what_was_read()
    {
        using var temp = new TempFolder();
        var source = File.ReadAllBytes(TestPaths.Corpus("nm/WG04_NM1_UNC.dcm"));
        var cut = temp.File("cut.dcm");
        // 1200 bytes end inside the GE private groups, after the UIDs and Modality of group 0008.
        File.WriteAllBytes(cut, source[..1200]);

        var m = Extract.Files(cut);

        Assert.Equal(1, m.InstanceCount);
        Assert.Equal("NM", m.Modality);
        Assert.Equal(SeriesProblemCodes.PartialHeader, Assert.Single(m.Problems).Code);
    }

    [Fact]
    public void A_malformed_number_is_a_bad_value_problem_and_the_rest_is_read()
    {
        using var temp = new TempFolder();
        var path = DerivedFiles.Write(Ct1, temp.File("bad.dcm"), ds => ds.SetString(DicomTags.SliceThickness, DicomVR.DS, "five"));

        var m = Extract.Files(path);

        Assert.Null(m.CrossSectional!.SliceThickness);
        Assert.Equal(120, m.CrossSectional.Kvp);
        var problem = Assert.Single(m.Problems);
        Assert.Equal(SeriesProblemCodes.BadValue, problem.Code);
        Assert.Contains("(0018,0050)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pixel_data_is_never_read()
    {
        var path = TestPaths.Corpus("nm/WG04_NM1_UNC.dcm");
        var length = new FileInfo(path).Length;
        CountingStream? stream = null;
        var file = InstanceFile.FromStream("nm1", () => stream = new CountingStream(File.OpenRead(path)));

        var input = SeriesMetadataExtractor.Extract([file], CancellationToken.None);

        Assert.Equal(1, input.Metadata.InstanceCount);
        // Pixel Data (524,288 bytes) starts at byte 2,628. The reader fills one 64 KiB window; reading the pixel data
        // would take eight.
        Assert.True(stream!.BytesRead <= 64 * 1024, $"read {stream.BytesRead} of {length} bytes");
    }

    [Fact]
    public void Cancellation_stops_the_extraction()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            SeriesMetadataExtractor.Extract([InstanceFile.FromPath(TestPaths.Corpus(Ct1))], cancelled.Token));
    }

    /// <summary>Counts what the reader pulls from the underlying stream.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
