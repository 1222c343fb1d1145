using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Segmentation;

namespace Imaging.Dicom.Tests.Segmentation;

public sealed class DicomSegmentationTests
{
    // 3 × 3 frames: 9 bits each, so frame 1 starts at bit 1 of byte 1 and frame 2 at bit 2 of byte 2.
    private static readonly byte[][] Masks =
    [
        [1, 0, 0, 0, 1, 0, 0, 0, 1],
        [1, 1, 1, 0, 0, 0, 1, 0, 1],
        [0, 0, 0, 0, 1, 1, 1, 1, 1],
    ];

    /// <summary>A minimal SEG: 3 × 3 frames, two segments, frames on z = 0, 0, 2 mm, packed bit by bit across frame boundaries.</summary>
    private static DicomDataset Binary(Action<DicomDataset>? change = null)
    {
        var ds = Common("BINARY", Masks.Length);
        ds.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)1);
        ds.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)1);
        ds.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)0);
        var packed = new byte[(Masks.Length * 9 + 7) / 8 + 1 & ~1];
        var bit = 0;
        foreach (var mask in Masks)
            foreach (var value in mask)
            {
                if (value != 0) packed[bit >> 3] |= (byte)(1 << (bit & 7));
                bit++;
            }
        ds.Set(DicomElement.FromValues(DicomTags.PixelData, DicomVR.OB, packed));
        change?.Invoke(ds);
        return ds;
    }

    private static DicomDataset Common(string type, int frames)
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.66.4");
        ds.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, "2.25.42");
        ds.SetString(DicomTags.Modality, DicomVR.CS, "SEG");
        ds.SetString(DicomTags.FrameOfReferenceUID, DicomVR.UI, "2.25.7");
        ds.SetString(DicomTags.SegmentationType, DicomVR.CS, type);
        ds.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.SetValues(DicomTags.Rows, DicomVR.US, (ushort)3);
        ds.SetValues(DicomTags.Columns, DicomVR.US, (ushort)3);
        ds.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        ds.Set(DicomElement.FromIntegers(DicomTags.NumberOfFrames, frames));
        ds.Set(new DicomSequence(DicomTags.SegmentSequence, [Segment(1, "vertebrae_T5", "T5 vertebra"), Segment(2, "L1 vertebra", "L1 vertebra")]));
        ds.Set(new DicomSequence(DicomTags.SharedFunctionalGroupsSequence, [Item(shared =>
        {
            shared.Set(new DicomSequence(DicomTags.PixelMeasuresSequence, [Item(m =>
            {
                m.Set(DicomElement.FromDecimals(DicomTags.PixelSpacing, 0.5, 0.75));
                m.Set(DicomElement.FromDecimals(DicomTags.SliceThickness, 2));
            })]));
            shared.Set(new DicomSequence(DicomTags.PlaneOrientationSequence, [Item(o =>
                o.Set(DicomElement.FromDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0)))]));
        })]));
        var perFrame = new DicomSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        for (var f = 0; f < frames; f++)
        {
            var segment = f == 1 ? 2 : 1;
            var z = f == 2 ? 2.0 : 0.0;
            perFrame.Add(Item(item =>
            {
                item.Set(new DicomSequence(DicomTags.SegmentIdentificationSequence, [Item(i => i.SetValues(DicomTags.ReferencedSegmentNumber, DicomVR.US, (ushort)segment))]));
                item.Set(new DicomSequence(DicomTags.PlanePositionSequence, [Item(p => p.Set(DicomElement.FromDecimals(DicomTags.ImagePositionPatient, -10, 5, z)))]));
                item.Set(new DicomSequence(DicomTags.DerivationImageSequence, [Item(d =>
                    d.Set(new DicomSequence(DicomTags.SourceImageSequence, [Item(s =>
                    {
                        s.SetString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
                        s.SetString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, $"2.25.100{f}");
                    })])))]));
            }));
        }
        ds.Set(perFrame);
        return ds;
    }

    private static DicomDataset Segment(int number, string label, string meaning) => Item(s =>
    {
        s.SetValues(DicomTags.SegmentNumber, DicomVR.US, (ushort)number);
        s.SetString(DicomTags.SegmentLabel, DicomVR.LO, label);
        s.SetString(DicomTags.SegmentAlgorithmType, DicomVR.CS, "AUTOMATIC");
        s.Set(new DicomSequence(DicomTags.SegmentedPropertyCategoryCodeSequence, [Code("91723000", "SCT", "Anatomical Structure")]));
        s.Set(new DicomSequence(DicomTags.SegmentedPropertyTypeCodeSequence, [Code("X-" + number, "99TEST", meaning)]));
    });

    private static DicomDataset Code(string value, string scheme, string meaning) => Item(c =>
    {
        c.SetString(DicomTags.CodeValue, DicomVR.SH, value);
        c.SetString(DicomTags.CodingSchemeDesignator, DicomVR.SH, scheme);
        c.SetString(DicomTags.CodeMeaning, DicomVR.LO, meaning);
    });

    private static DicomDataset Item(Action<DicomDataset> fill)
    {
        var item = new DicomDataset();
        fill(item);
        return item;
    }

    /// <summary>Through Part 10 bytes and back, as a SEG arrives from elsewhere.</summary>
    private static DicomSegmentation RoundTrip(DicomDataset ds)
    {
        using var buffer = new MemoryStream();
        DicomFileWriter.Write(buffer, new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian));
        buffer.Position = 0;
        return DicomSegmentation.Read(DicomFileReader.Read(buffer));
    }

    [Fact]
    public void Binary_frames_packed_across_byte_boundaries_unpack_to_their_masks()
    {
        var seg = RoundTrip(Binary());
        Assert.Equal(SegmentationType.Binary, seg.Type);
        var mask = new byte[9];
        for (var f = 0; f < Masks.Length; f++)
        {
            seg.GetFrameMask(f, mask);
            Assert.Equal(Masks[f], mask);
        }
    }

    [Fact]
    public void Segments_frames_and_references_are_read_from_the_functional_groups()
    {
        var seg = RoundTrip(Binary());
        Assert.Equal("2.25.7", seg.FrameOfReferenceUid);
        Assert.Equal([1, 2], seg.Segments.Select(s => s.Number));
        Assert.Equal("vertebrae_T5", seg.Segments[0].Label);
        Assert.Equal(new CodedConcept("91723000", "SCT", "Anatomical Structure"), seg.Segments[0].Category);
        Assert.Equal("L1 vertebra", seg.Segment(2).Type!.Meaning);
        Assert.Equal([1, 2, 1], seg.Frames.Select(f => f.SegmentNumber));
        Assert.Equal([-10.0, 5.0, 2.0], seg.Frames[2].Position);
        Assert.Equal([0.5, 0.75], seg.Frames[0].PixelSpacing);
        Assert.Equal([1.0, 0, 0, 0, 1, 0], seg.Frames[1].Orientation);
        Assert.Equal(["2.25.1001"], seg.Frames[1].SourceInstances);
    }

    [Fact]
    public void Fractional_frames_are_inside_from_half_the_maximum_fractional_value()
    {
        var ds = Common("FRACTIONAL", 1);
        ds.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)8);
        ds.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)8);
        ds.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)7);
        ds.SetValues(DicomTags.MaximumFractionalValue, DicomVR.US, (ushort)200);
        ds.SetString(DicomTags.SegmentationFractionalType, DicomVR.CS, "PROBABILITY");
        ds.Set(DicomElement.FromValues(DicomTags.PixelData, DicomVR.OB, new byte[] { 0, 99, 100, 101, 200, 255, 1, 150, 50, 0 }));
        var seg = RoundTrip(ds);
        Assert.Equal(SegmentationType.Fractional, seg.Type);
        Assert.Equal(200, seg.MaximumFractionalValue);
        var mask = new byte[9];
        seg.GetFrameMask(0, mask);
        Assert.Equal(new byte[] { 0, 0, 1, 1, 1, 1, 0, 1, 0 }, mask);
    }

    [Fact]
    public void Pixel_data_shorter_than_the_frames_need_is_refused()
    {
        var ds = Binary(d => d.Set(DicomElement.FromValues(DicomTags.PixelData, DicomVR.OB, new byte[2])));
        var error = Assert.Throws<PixelDataException>(() => RoundTrip(ds));
        Assert.Contains("need", error.Message);
    }

    public static TheoryData<string, Action<DicomDataset>> Malformed => new()
    {
        { "Number of Frames", d => d.Set(DicomElement.FromIntegers(DicomTags.NumberOfFrames, 2_000_000_000)) },
        { "Per-frame", d => d.Remove(DicomTags.PerFrameFunctionalGroupsSequence) },
        { "segment 9", d => d.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence)!.Items[1].GetSequence(DicomTags.SegmentIdentificationSequence)!.Items[0]
            .SetValues(DicomTags.ReferencedSegmentNumber, DicomVR.US, (ushort)9) },
        { "appears twice", d => d.GetSequence(DicomTags.SegmentSequence)!.Items[1].SetValues(DicomTags.SegmentNumber, DicomVR.US, (ushort)1) },
        { "Segmentation Type", d => d.Remove(DicomTags.SegmentationType) },
        { "orthogonal", d => d.GetSequence(DicomTags.SharedFunctionalGroupsSequence)!.Items[0].GetSequence(DicomTags.PlaneOrientationSequence)!.Items[0]
            .Set(DicomElement.FromDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 1, 0, 0)) },
        { "Plane Position", d => d.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence)!.Items[2].Remove(DicomTags.PlanePositionSequence) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_segmentations_are_refused_with_a_clear_message(string expected, Action<DicomDataset> damage)
    {
        var error = Assert.ThrowsAny<Exception>(() => RoundTrip(Binary(damage)));
        Assert.True(error is DicomSegmentationException or PixelDataException, error.ToString());
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Binary_segmentation_with_8_bit_samples_is_refused()
    {
        var ds = Binary(d =>
        {
            d.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)8);
            d.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)8);
            d.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)7);
            d.Set(DicomElement.FromValues(DicomTags.PixelData, DicomVR.OB, new byte[28]));
        });
        Assert.Contains("1-bit", Assert.Throws<PixelDataException>(() => RoundTrip(ds)).Message);
    }
}
