using Imaging.Deidentification.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Deidentification.Tests;

public sealed class OptionTests
{
    public static TheoryData<string> Columns() => new(Enum.GetNames<ProfileColumn>());

    private static DeidentificationOptions With(ProfileColumn column) => column switch
    {
        ProfileColumn.RetainSafePrivate => new() { RetainSafePrivate = true },
        ProfileColumn.RetainUids => new() { RetainUids = true },
        ProfileColumn.RetainDeviceIdentity => new() { RetainDeviceIdentity = true },
        ProfileColumn.RetainInstitutionIdentity => new() { RetainInstitutionIdentity = true },
        ProfileColumn.RetainPatientCharacteristics => new() { RetainPatientCharacteristics = true },
        ProfileColumn.RetainLongitudinalFullDates => new() { RetainLongitudinalFullDates = true },
        ProfileColumn.RetainLongitudinalModifiedDates => new() { RetainLongitudinalModifiedDates = true },
        ProfileColumn.CleanDescriptors => new() { CleanDescriptors = true },
        ProfileColumn.CleanStructuredContent => new() { CleanStructuredContent = true },
        ProfileColumn.CleanGraphics => new() { CleanGraphics = true },
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public void Each_option_flips_exactly_the_rows_of_its_column(string columnName)
    {
        var column = Enum.Parse<ProfileColumn>(columnName);
        var basic = DeidentificationKit.Create(new DeidentificationOptions());
        var option = DeidentificationKit.Create(With(column));
        var flipped = 0;
        foreach (var row in ConfidentialityProfileTable.Rows.Where(r => r.Mask == uint.MaxValue))
        {
            var tag = new DicomTag(row.Tag);
            Assert.Equal(DicomDeidentifier.ParseBasic(row.Basic), basic.ActionFor(tag));
            var expected = row.OptionAction(column) switch
            {
                'K' => TagAction.Keep,
                'C' => TagAction.Clean,
                'X' => TagAction.Remove,
                _ => DicomDeidentifier.ParseBasic(row.Basic),
            };
            Assert.True(expected == option.ActionFor(tag), $"{row.Name} {tag}: expected {expected}, got {option.ActionFor(tag)}");
            if (row.OptionAction(column) is not null) flipped++;
        }
        // Retain Safe Private names no tag row (its row is the private-attribute rule); every other column names some.
        if (column != ProfileColumn.RetainSafePrivate) Assert.True(flipped > 0);
    }

    [Fact]
    public void Retain_device_identity_keeps_station_and_serial_number()
    {
        var basic = Deidentify("basic");
        var kept = Deidentify("basic,retain-device-identity");
        Assert.Equal(string.Empty, basic.GetString(new DicomTag(0x0008, 0x1010)));
        Assert.Equal("KESTREL-NM-07", kept.GetString(new DicomTag(0x0008, 0x1010)));
        Assert.Equal("SN-88317702", kept.GetString(new DicomTag(0x0018, 0x1000)));
    }

    [Fact]
    public void Retain_institution_identity_keeps_institution_name_address_and_department()
    {
        var basic = Deidentify("basic");
        var kept = Deidentify("basic,retain-institution-identity");
        Assert.Equal(string.Empty, basic.GetString(new DicomTag(0x0008, 0x0080)));
        Assert.Null(basic[new DicomTag(0x0008, 0x0081)]);
        Assert.Equal("Vrellingford General Hospital", kept.GetString(new DicomTag(0x0008, 0x0080)));
        Assert.Equal("42 Cobbleside Road, Wexhamptonshire", kept.GetString(new DicomTag(0x0008, 0x0081)));
        Assert.Equal("Department Ravenscar Suite", kept.GetString(new DicomTag(0x0008, 0x1040)));
    }

    [Fact]
    public void Retain_patient_characteristics_keeps_age_sex_size_and_weight()
    {
        var basic = Deidentify("basic");
        var kept = Deidentify("basic,retain-patient-characteristics");
        Assert.Null(basic[new DicomTag(0x0010, 0x1010)]);
        Assert.Equal(string.Empty, basic.GetString(new DicomTag(0x0010, 0x0040)));
        Assert.Equal("061Y", kept.GetString(new DicomTag(0x0010, 0x1010)));
        Assert.Equal("M", kept.GetString(new DicomTag(0x0010, 0x0040)));
        Assert.Equal("1.78", kept.GetString(new DicomTag(0x0010, 0x1020)));
        Assert.Equal("82.5", kept.GetString(new DicomTag(0x0010, 0x1030)));
    }

    [Fact]
    public void Clean_descriptors_keeps_descriptions_with_the_identities_masked()
    {
        var basic = Deidentify("basic");
        var cleaned = Deidentify("basic,clean-descriptors");
        Assert.Null(basic[new DicomTag(0x0008, 0x1030)]);
        Assert.Equal("Bone scan requested by Dr ***", cleaned.GetString(new DicomTag(0x0008, 0x1030)));
        Assert.Equal("Whole body Pemberton pathway", cleaned.GetString(new DicomTag(0x0008, 0x103E)));
        Assert.Equal("Fell at Harrowgate mill, says ***", cleaned.GetString(new DicomTag(0x0010, 0x4000)));
        // A local code's free-text meaning is a descriptor too: a dummy under basic, cleaned here.
        var code = Assert.Single(basic.GetSequence(new DicomTag(0x0008, 0x1032))!.Items);
        Assert.Equal("ANONYMIZED", code.GetString(new DicomTag(0x0008, 0x0104)));
        Assert.Equal("LOC-BS17", code.GetString(new DicomTag(0x0008, 0x0100)));
    }

    [Fact]
    public async Task Clean_options_leave_no_name_id_date_or_uid_behind()
    {
        var seeded = IdentifyingDataset.Create();
        DeidentificationKit.Create("basic,clean-descriptors,clean-structured-content,clean-graphics,retain-patient-characteristics").Deidentify(seeded.Dataset);
        using var temp = new Imaging.Dicom.Tests.Support.TempFolder();
        var dump = await DeidentificationKit.DumpAsync(DeidentificationKit.Write(seeded.Dataset, temp.File("out.dcm")));
        Assert.Empty(DeidentificationKit.Leaks(dump, seeded.Values.Where(s => s.Kind is SeedKind.Name or SeedKind.Date or SeedKind.Uid)));
    }

    [Fact]
    public void Retain_safe_private_keeps_allow_listed_elements_and_their_creator_only()
    {
        var seeded = IdentifyingDataset.Create();
        var options = DeidentificationOptions.Parse("basic,retain-safe-private") with { SafePrivateAllowList = ["ACME SAFE/0011,xx05"] };
        DeidentificationKit.Create(options).Deidentify(seeded.Dataset);
        Assert.Equal("2.5", seeded.Dataset.GetString(new DicomTag(0x0011, 0x1005)));
        Assert.Equal("ACME SAFE", seeded.Dataset.GetString(new DicomTag(0x0011, 0x0010)));
        Assert.DoesNotContain(seeded.Dataset, a => a.Tag.Group == 0x0009);

        var without = IdentifyingDataset.Create();
        DeidentificationKit.Create(new DeidentificationOptions { SafePrivateAllowList = ["ACME SAFE/0011,xx05"] }).Deidentify(without.Dataset);
        Assert.DoesNotContain(without.Dataset, a => a.Tag.Group == 0x0011);
    }

    [Theory]
    [InlineData("ACME/0010,xx05")]
    [InlineData("ACME/0011,1005")]
    [InlineData("0011,xx05")]
    [InlineData("ACME/0011")]
    public void A_malformed_safe_private_entry_is_refused(string entry) =>
        Assert.Throws<FormatException>(() => DeidentificationKit.Create(new DeidentificationOptions { SafePrivateAllowList = [entry] }));

    private static DicomDataset Deidentify(string profile)
    {
        var seeded = IdentifyingDataset.Create();
        DeidentificationKit.Create(profile).Deidentify(seeded.Dataset);
        return seeded.Dataset;
    }
}
