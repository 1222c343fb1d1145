using System.Globalization;
using Imaging.Deidentification.Tests.Support;
using Imaging.Dicom.Data;

namespace Imaging.Deidentification.Tests;

public sealed class DateTests
{
    private static readonly DicomTag StudyDate = new(0x0008, 0x0020);
    private static readonly DicomTag AcquisitionDate = new(0x0008, 0x0022);
    private static readonly DicomTag InstanceCreationDate = new(0x0008, 0x0012);
    private static readonly DicomTag AcquisitionDateTime = new(0x0008, 0x002A);
    private static readonly DicomTag StudyTime = new(0x0008, 0x0030);
    private static readonly DicomTag Temporal = new(0x0028, 0x0303);

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture);

    [Fact]
    public void Two_studies_of_one_patient_keep_their_interval_to_the_day_under_modified_dates()
    {
        var before = IdentifyingDataset.Create(study: 1, studyDate: "20230314");
        var after = IdentifyingDataset.Create(study: 2, studyDate: "20240102");
        var deidentifier = DeidentificationKit.Create("basic,retain-longitudinal-modified-dates");
        var a = deidentifier.Deidentify(before.Dataset);
        var b = deidentifier.Deidentify(after.Dataset);

        Assert.Equal(a.PatientId, b.PatientId);
        Assert.NotEqual(a.StudyInstanceUid, b.StudyInstanceUid);
        var shiftedBefore = Date(before.Dataset.GetString(StudyDate)!);
        var shiftedAfter = Date(after.Dataset.GetString(StudyDate)!);
        Assert.Equal(Date("20240102").DayNumber - Date("20230314").DayNumber, shiftedAfter.DayNumber - shiftedBefore.DayNumber);
        var shift = shiftedBefore.DayNumber - Date("20230314").DayNumber;
        Assert.InRange(-shift, DeidentificationKit.Pseudonymizer.MinimumShiftDays, DeidentificationKit.Pseudonymizer.MaximumShiftDays);
        Assert.Equal(shift, DeidentificationKit.Pseudonymizer.DateShiftDays(IdentifyingDataset.PatientId));

        // Dates the table does not list (Instance Creation Date) move by the same shift; times are kept.
        Assert.Equal(Date("20230319").AddDays(shift), Date(before.Dataset.GetString(InstanceCreationDate)!));
        Assert.Equal(Date("20230316").AddDays(shift), Date(before.Dataset.GetString(AcquisitionDate)!));
        Assert.Equal(Date("20230318").AddDays(shift).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "102411", before.Dataset.GetString(AcquisitionDateTime));
        Assert.Equal("101530", before.Dataset.GetString(StudyTime));
        Assert.Equal("MODIFIED", before.Dataset.GetString(Temporal));
        // Birth date has no longitudinal option in the table: it is emptied whatever the options.
        Assert.Equal(string.Empty, before.Dataset.GetString(new DicomTag(0x0010, 0x0030)));
    }

    [Fact]
    public void Full_dates_keep_every_date_and_time()
    {
        var seeded = IdentifyingDataset.Create();
        DeidentificationKit.Create("basic,retain-longitudinal-full-dates").Deidentify(seeded.Dataset);
        Assert.Equal("20230314", seeded.Dataset.GetString(StudyDate));
        Assert.Equal("20230319", seeded.Dataset.GetString(InstanceCreationDate));
        Assert.Equal("101530", seeded.Dataset.GetString(StudyTime));
        Assert.Equal("UNMODIFIED", seeded.Dataset.GetString(Temporal));
    }

    [Fact]
    public void The_basic_profile_empties_or_removes_every_date()
    {
        var seeded = IdentifyingDataset.Create();
        DeidentificationKit.Create().Deidentify(seeded.Dataset);
        Assert.Equal(string.Empty, seeded.Dataset.GetString(StudyDate));
        Assert.Equal(string.Empty, seeded.Dataset.GetString(AcquisitionDate));
        Assert.Null(seeded.Dataset[InstanceCreationDate]);
        Assert.Null(seeded.Dataset[new DicomTag(0x0008, 0x0021)]);
        Assert.Equal("19000101", seeded.Dataset.GetString(new DicomTag(0x0008, 0x0023)));
        Assert.Equal(string.Empty, seeded.Dataset.GetString(StudyTime));
        Assert.Equal("REMOVED", seeded.Dataset.GetString(Temporal));
    }

    [Theory]
    [InlineData("20230314", -10, false, "20230304")]
    [InlineData("2023.03.14", -14, false, "20230228")]
    [InlineData("20240301", -1, false, "20240229")]
    [InlineData("20230314102411.123456+0100", -400, true, "20220207102411.123456+0100")]
    [InlineData("202303", -400, true, "202201")]
    [InlineData("2023", -400, true, "2021")]
    [InlineData("not-a-date", -1, false, "")]
    [InlineData("20231399", -1, false, "")]
    public void Date_shifter_moves_only_the_date_part(string value, int days, bool isDateTime, string expected) =>
        Assert.Equal(expected, DateShifter.ShiftOne(value, days, isDateTime));

    [Fact]
    public void Date_shifter_shifts_every_value_and_both_ends_of_a_range() =>
        Assert.Equal("20230304\\20230305-20230306", DateShifter.ShiftDateValues("20230314\\20230315-20230316", -10));
}
