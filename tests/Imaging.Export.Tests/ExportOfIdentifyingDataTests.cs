using System.Globalization;
using System.Text;
using Imaging.Deidentification;
using Imaging.Deidentification.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Export.Tests.Support;

namespace Imaging.Export.Tests;

/// <summary>The acceptance check end to end: the real PS3.15 de-identifier inside the real runner, over stored
/// instances full of identifying data in every place it hides, read back with DCMTK.</summary>
public sealed class ExportOfIdentifyingDataTests : IAsyncLifetime
{
    private const string Profile = "basic,retain-longitudinal-modified-dates";
    private readonly TempFolder _out = new();
    private ExportArchive _archive = null!;
    private readonly List<SeededValue> _seeds = [];
    private string _referencingSop = "";
    private string _referencedSop = "";

    public async Task InitializeAsync()
    {
        _archive = await ExportArchive.CreateAsync();
        // Two timepoints of one patient 159 days apart; in the first, instance 1 references instance 101 (same series).
        foreach (var (study, date, instance) in new[] { (1, "20230314", 1), (1, "20230314", 101), (2, "20230820", 1) })
        {
            var seeded = IdentifyingDataset.Create(study, date, instance: instance);
            seeded.Dataset.SetString(DicomTags.BurnedInAnnotation, DicomVR.CS, "NO");
            _seeds.AddRange(seeded.Values);
            await _archive.AddDatasetAsync(seeded.Dataset);
        }
        _referencingSop = $"{IdentifyingDataset.UidRoot}.1.2.1";
        _referencedSop = $"{IdentifyingDataset.UidRoot}.1.2.101";
    }

    public async Task DisposeAsync()
    {
        await _archive.DisposeAsync();
        _out.Dispose();
    }

    private Task<ExportResult> ExportAsync(string output) =>
        _archive.Runner(factory: new DeidentifierFactory(_archive.Pseudonymizer)).RunAsync(
            new ExportRequest(new ExportSelection([IdentifyingDataset.PatientId], []), output, DeidentificationOptions.Parse(Profile), "researcher"),
            null, CancellationToken.None);

    [Fact]
    public async Task Dcmdump_of_every_exported_file_and_every_table_holds_none_of_the_seeded_values()
    {
        var result = await ExportAsync(_out.File("cohort"));
        Assert.Equal(3, result.Exported);
        Assert.Equal(0, result.Quarantined + result.Failed);

        var files = Directory.GetFiles(result.OutputPath, "*", SearchOption.AllDirectories);
        var dicom = files.Where(f => f.EndsWith(".dcm", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, dicom.Length);
        // Times of day stay under modified dates (only the date moves); every other seeded value must be gone.
        var seeds = _seeds.Where(s => !s.Where.EndsWith("Time", StringComparison.Ordinal)).ToArray();
        foreach (var file in dicom)
        {
            var dump = await DeidentificationKit.DumpAsync(file);
            Assert.Empty(DeidentificationKit.Leaks(dump, seeds));
            Assert.Contains("(0012,0062) CS [YES]", dump, StringComparison.Ordinal);
        }
        foreach (var file in files.Where(f => !f.EndsWith(".dcm", StringComparison.Ordinal) && !f.EndsWith(".parquet", StringComparison.Ordinal)))
            Assert.Empty(DeidentificationKit.Leaks(await File.ReadAllTextAsync(file, Encoding.UTF8), seeds));
        foreach (var file in files)
            Assert.DoesNotContain(IdentifyingDataset.PatientId, Path.GetRelativePath(result.OutputPath, file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_export_gives_the_same_pseudonyms_uids_and_bytes_and_keeps_the_interval_and_references()
    {
        var first = await ExportAsync(_out.File("first"));
        var second = await ExportAsync(_out.File("second.zip"));
        var a = ExportTestFiles.Read(first.OutputPath);
        var b = ExportTestFiles.Read(second.OutputPath);
        var dicomNames = a.Keys.Where(k => k.EndsWith(".dcm", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(dicomNames, b.Keys.Where(k => k.EndsWith(".dcm", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var name in dicomNames) Assert.Equal(a[name], b[name]);

        var datasets = dicomNames.Select(n => DicomFileReader.Read(new MemoryStream(a[n])).Dataset).ToArray();
        var patient = _archive.Pseudonymizer.Patient(IdentifyingDataset.PatientId);
        Assert.All(datasets, d => Assert.Equal(patient, d.GetString(DicomTags.PatientID)));

        // The interval between the two timepoints survives to the day.
        var studyDates = datasets.Select(d => d.GetString(DicomTags.StudyDate)!).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, studyDates.Length);
        var days = DateOnly.ParseExact(studyDates[1], "yyyyMMdd", CultureInfo.InvariantCulture).DayNumber
            - DateOnly.ParseExact(studyDates[0], "yyyyMMdd", CultureInfo.InvariantCulture).DayNumber;
        Assert.Equal(159, days);
        Assert.DoesNotContain("20230314", studyDates);

        // The reference from instance 1 to instance 101 points at the exported instance 101.
        var referencing = Assert.Single(datasets, d => d.GetString(DicomTag.SopInstanceUid) == _archive.Pseudonymizer.Uid(_referencingSop));
        var reference = referencing.GetSequence(new DicomTag(0x0008, 0x1140))!.Items[0].GetString(new DicomTag(0x0008, 0x1155));
        Assert.Equal(_archive.Pseudonymizer.Uid(_referencedSop), reference);
        Assert.Contains(datasets, d => d.GetString(DicomTag.SopInstanceUid) == reference);
    }
}
