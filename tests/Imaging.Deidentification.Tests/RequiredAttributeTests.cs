using Imaging.Deidentification.Tests.Support;
using Imaging.Dicom.Data;

namespace Imaging.Deidentification.Tests;

public sealed class RequiredAttributeTests
{
    [Theory]
    [InlineData("basic", "REMOVED", new[] { "113100" })]
    [InlineData("basic,retain-longitudinal-modified-dates,retain-patient-characteristics", "MODIFIED", new[] { "113100", "113107", "113108" })]
    [InlineData("basic,retain-longitudinal-full-dates,retain-device-identity,retain-institution-identity", "UNMODIFIED", new[] { "113100", "113106", "113109", "113112" })]
    [InlineData("basic,clean-descriptors,clean-structured-content,clean-graphics,retain-uids,retain-safe-private", "REMOVED", new[] { "113100", "113103", "113104", "113105", "113110", "113111" })]
    public void The_attributes_PS3_15_requires_are_set_with_the_cid_7050_codes(string profile, string temporal, string[] codes)
    {
        var seeded = IdentifyingDataset.Create();
        DeidentificationKit.Create(profile).Deidentify(seeded.Dataset);
        var ds = seeded.Dataset;
        Assert.Equal("YES", ds.GetString(new DicomTag(0x0012, 0x0062)));
        Assert.Equal(temporal, ds.GetString(new DicomTag(0x0028, 0x0303)));
        var items = ds.GetSequence(new DicomTag(0x0012, 0x0064))!.Items;
        Assert.Equal(codes, items.Select(i => i.GetString(new DicomTag(0x0008, 0x0100))).Order().ToArray());
        Assert.All(items, i => Assert.Equal("DCM", i.GetString(new DicomTag(0x0008, 0x0102))));
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetString(new DicomTag(0x0008, 0x0104)))));
        var method = ds.GetStrings(new DicomTag(0x0012, 0x0063));
        Assert.Equal(codes.Length, method.Length);
        Assert.Contains("Basic Application Confidentiality Profile", method);
        Assert.All(method, m => Assert.True(m.Length <= 64));
    }

    [Fact]
    public void The_character_set_stays_consistent_with_the_values_written()
    {
        var seeded = IdentifyingDataset.Create();
        DeidentificationKit.Create("basic,clean-descriptors").Deidentify(seeded.Dataset);
        Assert.Equal("ISO_IR 100", seeded.Dataset.GetString(new DicomTag(0x0008, 0x0005)));
        Assert.All(seeded.Dataset.GetString(new DicomTag(0x0010, 0x0010))!, c => Assert.True(c < 0x80));
    }
}
