using Imaging.Deidentification.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Deidentification.Tests;

public sealed class QuarantineTests
{
    private static readonly DicomTag BurnedIn = new(0x0028, 0x0301);
    private static readonly DicomTag Modality = new(0x0008, 0x0060);

    [Fact]
    public void Burned_in_annotation_yes_is_quarantined_and_the_dataset_left_untouched()
    {
        var seeded = IdentifyingDataset.Create();
        seeded.Dataset.SetString(BurnedIn, DicomVR.CS, "YES");
        var before = seeded.Dataset.Count;
        var outcome = DeidentificationKit.Create().Deidentify(seeded.Dataset);

        Assert.True(outcome.Quarantined);
        Assert.Contains("YES", outcome.QuarantineReason, StringComparison.Ordinal);
        Assert.Equal(before, seeded.Dataset.Count);
        Assert.Equal("Quixworth^Zebulon^Amadeus", seeded.Dataset.GetString(DicomTags.PatientName));
        // The manifest lists quarantined items by pseudonyms only.
        Assert.Equal(DeidentificationKit.Pseudonymizer.Patient(IdentifyingDataset.PatientId), outcome.PatientId);
        Assert.StartsWith("2.25.", outcome.SopInstanceUid, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("US", null, true)]
    [InlineData("US", "NO", false)]
    [InlineData("SC", null, true)]
    [InlineData("OT", "", true)]
    [InlineData("XC", null, true)]
    [InlineData("NM", null, false)]
    [InlineData("CT", "YES", true)]
    public void Modalities_with_likely_burned_in_text_are_quarantined_unless_flagged_no(string modality, string? flag, bool quarantined)
    {
        var seeded = IdentifyingDataset.Create();
        seeded.Dataset.SetString(Modality, DicomVR.CS, modality);
        if (flag is null) seeded.Dataset.Remove(BurnedIn);
        else seeded.Dataset.SetString(BurnedIn, DicomVR.CS, flag);
        Assert.Equal(quarantined, DeidentificationKit.Create().Deidentify(seeded.Dataset).Quarantined);
    }

    [Fact]
    public void Secondary_capture_without_the_flag_is_quarantined_whatever_its_modality()
    {
        var seeded = IdentifyingDataset.Create();
        seeded.Dataset.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        seeded.Dataset.Remove(BurnedIn);
        var outcome = DeidentificationKit.Create().Deidentify(seeded.Dataset);
        Assert.Contains("secondary capture", outcome.QuarantineReason, StringComparison.Ordinal);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.7", outcome.SopClassUid);
    }

    [Fact]
    public void Encapsulated_pdf_is_quarantined_even_when_flagged_no_and_clean_pixel_data_is_on()
    {
        var seeded = IdentifyingDataset.Create();
        seeded.Dataset.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.104.1");
        var options = DeidentificationOptions.Parse("basic,clean-pixel-data") with { CleanPixelRegions = [new CleanPixelRegion(null, null, null, 0, 0, 4, 4)] };
        var outcome = DeidentificationKit.Create(options).Deidentify(seeded.Dataset);
        Assert.Contains("encapsulated document", outcome.QuarantineReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_pixel_data_blanks_a_matching_region_in_every_frame_and_exports()
    {
        var dataset = Ultrasound(frames: 2);
        var options = DeidentificationOptions.Parse("basic,clean-pixel-data") with
        {
            CleanPixelRegions = [new CleanPixelRegion("US", 8, 10, X: 2, Y: 1, Width: 3, Height: 2), new CleanPixelRegion("CT", null, null, 0, 0, 10, 8)],
        };
        var outcome = DeidentificationKit.Create(options).Deidentify(dataset);

        Assert.False(outcome.Quarantined, outcome.QuarantineReason);
        var pixels = dataset.GetElement(DicomTag.PixelData)!.Buffer.GetMemory().ToArray();
        for (var frame = 0; frame < 2; frame++)
            for (var y = 0; y < 8; y++)
                for (var x = 0; x < 10; x++)
                {
                    var blank = x is >= 2 and < 5 && y is >= 1 and < 3;
                    var value = pixels[frame * 80 + y * 10 + x];
                    if (blank) Assert.Equal(0, value);
                    else Assert.Equal(Original(frame, x, y), value);
                }
        Assert.Equal("NO", dataset.GetString(BurnedIn));
        var codes = dataset.GetSequence(new DicomTag(0x0012, 0x0064))!.Items.Select(i => i.GetString(new DicomTag(0x0008, 0x0100))).ToArray();
        Assert.Contains("113101", codes);
    }

    [Fact]
    public void Clean_pixel_data_without_a_matching_region_still_quarantines()
    {
        var options = DeidentificationOptions.Parse("basic,clean-pixel-data") with { CleanPixelRegions = [new CleanPixelRegion("US", 512, 512, 0, 0, 10, 10)] };
        var outcome = DeidentificationKit.Create(options).Deidentify(Ultrasound(frames: 1));
        Assert.Contains("no clean-pixel-data region matches", outcome.QuarantineReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_pixel_data_on_encapsulated_pixel_data_quarantines_with_a_reason()
    {
        var dataset = Ultrasound(frames: 1);
        var fragments = new DicomFragmentSequence(DicomTag.PixelData, DicomVR.OB);
        fragments.Fragments.Add(DicomBuffer.FromBytes(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }));
        dataset.Set(fragments);
        var options = DeidentificationOptions.Parse("basic,clean-pixel-data") with { CleanPixelRegions = [new CleanPixelRegion(null, null, null, 0, 0, 4, 4)] };
        var outcome = DeidentificationKit.Create(options).Deidentify(dataset);
        Assert.Contains("encapsulated", outcome.QuarantineReason, StringComparison.Ordinal);
    }

    private static byte Original(int frame, int x, int y) => (byte)(1 + frame * 100 + y * 10 + x);

    private static DicomDataset Ultrasound(int frames)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTag.SopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.3.1");
        dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, IdentifyingDataset.UidRoot + ".9.1");
        dataset.SetString(Modality, DicomVR.CS, "US");
        dataset.SetString(DicomTags.PatientID, DicomVR.LO, IdentifyingDataset.PatientId);
        dataset.SetValues(new DicomTag(0x0028, 0x0002), DicomVR.US, (ushort)1);
        dataset.SetString(new DicomTag(0x0028, 0x0008), DicomVR.IS, frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        dataset.SetValues(new DicomTag(0x0028, 0x0010), DicomVR.US, (ushort)8);
        dataset.SetValues(new DicomTag(0x0028, 0x0011), DicomVR.US, (ushort)10);
        dataset.SetValues(DicomTag.BitsAllocated, DicomVR.US, (ushort)8);
        var pixels = new byte[frames * 80];
        for (var frame = 0; frame < frames; frame++)
            for (var y = 0; y < 8; y++)
                for (var x = 0; x < 10; x++) pixels[frame * 80 + y * 10 + x] = Original(frame, x, y);
        dataset.Set(new DicomElement(DicomTag.PixelData, DicomVR.OB, DicomBuffer.FromBytes(pixels)));
        return dataset;
    }
}
