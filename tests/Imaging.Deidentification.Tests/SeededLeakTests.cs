using Imaging.Deidentification.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Deidentification.Tests;

public sealed class SeededLeakTests
{
    [Theory]
    [InlineData("basic")]
    [InlineData("basic,retain-longitudinal-modified-dates")]
    [InlineData("basic,retain-safe-private")]
    public async Task Dcmdump_of_a_deidentified_file_contains_no_seeded_value(string profile)
    {
        var seeded = IdentifyingDataset.Create();
        var outcome = DeidentificationKit.Create(profile).Deidentify(seeded.Dataset);
        Assert.False(outcome.Quarantined);
        using var temp = new TempFolder();
        var dump = await DeidentificationKit.DumpAsync(DeidentificationKit.Write(seeded.Dataset, temp.File("out.dcm")));

        // Times of day are kept on purpose under modified dates (only the date moves); everything else must be gone.
        var seeds = profile.Contains("modified-dates", StringComparison.Ordinal)
            ? seeded.Values.Where(s => !s.Where.EndsWith("Time", StringComparison.Ordinal))
            : seeded.Values;
        Assert.Empty(DeidentificationKit.Leaks(dump, seeds));
    }

    [Fact]
    public void The_seeded_dataset_really_carries_every_seeded_value()
    {
        // Guards the leak test against seeds that were never written (it would pass vacuously).
        var seeded = IdentifyingDataset.Create();
        var text = Flatten(seeded.Dataset);
        var missing = seeded.Values.Where(s => !text.Contains(s.Value, StringComparison.OrdinalIgnoreCase)).Select(s => s.Where).ToArray();
        Assert.Empty(missing);
        Assert.True(seeded.Values.Count > 60, $"only {seeded.Values.Count} seeded values");
    }

    [Fact]
    public async Task Overlays_curves_private_attributes_and_unknown_text_are_gone()
    {
        var seeded = IdentifyingDataset.Create();
        DeidentificationKit.Create().Deidentify(seeded.Dataset);
        Assert.DoesNotContain(seeded.Dataset, a => a.Tag.Group is >= 0x5000 and <= 0x50FF or >= 0x6000 and <= 0x60FF);
        Assert.DoesNotContain(seeded.Dataset, a => (a.Tag.Group & 1) == 1);
        Assert.Null(seeded.Dataset[new DicomTag(0x0099, 0x0010)]);
        using var temp = new TempFolder();
        var dump = await DeidentificationKit.DumpAsync(DeidentificationKit.Write(seeded.Dataset, temp.File("out.dcm")));
        Assert.DoesNotContain("(6000,", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("(5000,", dump, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("basic,retain-longitudinal-modified-dates")]
    public void Radiopharmaceutical_and_energy_window_information_is_kept(string profile)
    {
        var seeded = IdentifyingDataset.Create();
        DeidentificationKit.Create(profile).Deidentify(seeded.Dataset);
        var radiopharmaceutical = Assert.Single(seeded.Dataset.GetSequence(new DicomTag(0x0054, 0x0016))!.Items);
        Assert.Equal("Tc99m MDP", radiopharmaceutical.GetString(new DicomTag(0x0018, 0x0031)));
        Assert.Equal("740", radiopharmaceutical.GetString(new DicomTag(0x0018, 0x1074)));
        Assert.Equal("21624", radiopharmaceutical.GetString(new DicomTag(0x0018, 0x1075)));
        Assert.Equal("093000", radiopharmaceutical.GetString(new DicomTag(0x0018, 0x1072)));
        var nuclide = Assert.Single(radiopharmaceutical.GetSequence(new DicomTag(0x0054, 0x0300))!.Items);
        Assert.Equal("C-163A8", nuclide.GetString(new DicomTag(0x0008, 0x0100)));
        Assert.Equal("^99m^Technetium", nuclide.GetString(new DicomTag(0x0008, 0x0104)));
        var window = Assert.Single(seeded.Dataset.GetSequence(new DicomTag(0x0054, 0x0012))!.Items);
        Assert.Equal("TC99M", window.GetString(new DicomTag(0x0054, 0x0018)));
        Assert.Single(window.GetSequence(new DicomTag(0x0054, 0x0013))!.Items);

        // The injection DateTime carries a date: removed under basic, shifted (time kept) under modified dates.
        var start = radiopharmaceutical.GetString(new DicomTag(0x0018, 0x1078));
        if (profile == "basic") Assert.Null(start);
        else
        {
            var shift = DeidentificationKit.Pseudonymizer.DateShiftDays(IdentifyingDataset.PatientId);
            Assert.Equal(new DateOnly(2023, 3, 14).AddDays(shift).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "093000", start);
        }
    }

    private static string Flatten(DicomDataset dataset)
    {
        var text = new System.Text.StringBuilder();
        foreach (var attribute in dataset)
        {
            if (attribute is DicomSequence sequence) foreach (var item in sequence.Items) text.Append(Flatten(item)).Append('\n');
            else if (attribute is DicomElement { VR: not (DicomVR.OW or DicomVR.OB) } element) text.Append(element.GetString()).Append('\n');
        }
        return text.ToString();
    }
}
