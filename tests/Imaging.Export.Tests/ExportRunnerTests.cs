using System.IO.Compression;
using System.Text;
using Imaging.Deidentification;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Export.Tests.Support;
using Imaging.Storage;
using Parquet;
using static Imaging.Export.Tests.Support.ExportScenario;

namespace Imaging.Export.Tests;

/// <summary>The export runner end to end on a real SQLite store and blob folder, with the test-double de-identifier.</summary>
public sealed class ExportRunnerTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private ExportArchive _archive = null!;

    public async Task InitializeAsync()
    {
        _archive = await ExportArchive.CreateAsync();
        await SeedAsync(_archive);
    }

    public async Task DisposeAsync() => await _archive.DisposeAsync();

    private string Output(string name) => Path.Combine(_archive.Root, "out", name);

    private static ExportRequest Request(string output, ExportSelection? selection = null, bool deflate = false) =>
        new(selection ?? new ExportSelection([Alpha, Beta], []), output, DeidentificationOptions.Parse("basic"), "researcher", deflate);

    private Task<ExportResult> RunAsync(string output, ExportSelection? selection = null, IAuditLog? audit = null, IProgress<ExportProgress>? progress = null,
        bool deflate = false) =>
        _archive.Runner(audit: audit).RunAsync(Request(output, selection, deflate), progress, None);

    [Fact]
    public async Task Folder_export_writes_the_pseudonymous_tree_and_a_manifest_whose_hashes_match()
    {
        Directory.CreateDirectory(Path.Combine(_archive.Root, "out"));
        var result = await RunAsync(Output("cohort"));

        Assert.Equal((2, 3, 5, 1, 0), (result.Patients, result.Studies, result.Exported, result.Quarantined, result.Failed));
        var files = ExportTestFiles.Read(Output("cohort"));
        var p = _archive.Pseudonymizer;
        var expected = new[] { (Alpha, AlphaFirstStudy, ".1.1"), (Alpha, AlphaFirstStudy, ".1.2"), (Alpha, AlphaSecondStudy, ".1.1"),
            (Beta, BetaStudy, ".1.1"), (Beta, BetaStudy, ".1.2") }
            .Select(e => $"{p.Patient(e.Item1)}/{p.Uid(e.Item2)}/{p.Uid(e.Item2 + e.Item3[..2])}/{p.Uid(e.Item2 + e.Item3)}.dcm");
        Assert.Equal(expected.Order(StringComparer.Ordinal), files.Keys.Where(k => k.EndsWith(".dcm", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(result.BytesWritten, files.Where(f => f.Key.EndsWith(".dcm", StringComparison.Ordinal)).Sum(f => (long)f.Value.Length));

        var manifest = ExportTestFiles.Manifest(files);
        var listed = manifest.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f);
        Assert.Equal(files.Keys.Where(k => k != "manifest.json").Order(StringComparer.Ordinal), listed.Keys);
        foreach (var (path, entry) in listed)
        {
            Assert.Equal(files[path].Length, entry.GetProperty("size").GetInt64());
            Assert.Equal(ExportTestFiles.Sha256(files[path]), entry.GetProperty("sha256").GetString());
        }
        Assert.Equal(["basic"], manifest.GetProperty("profile").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("researcher", manifest.GetProperty("requestedBy").GetString());
        Assert.Equal(5, manifest.GetProperty("counts").GetProperty("exported").GetInt32());
        Assert.Equal(new[] { p.Patient(Alpha), p.Patient(Beta) }.Order(StringComparer.Ordinal), manifest.GetProperty("selection").GetProperty("patients").EnumerateArray()
            .Select(e => e.GetString()).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_archive.Root, "out"), "*.partial-*"));
    }

    [Fact]
    public async Task Exported_files_carry_a_rebuilt_meta_group_and_the_stored_transfer_syntax()
    {
        await RunAsync(Output("meta"));

        var p = _archive.Pseudonymizer;
        var path = Path.Combine(Output("meta"), p.Patient(Alpha), p.Uid(AlphaFirstStudy), p.Uid(AlphaFirstStudy + ".1"), p.Uid(AlphaFirstStudy + ".1.1") + ".dcm");
        var file = DicomFileReader.Read(path);
        Assert.Equal(p.Uid(AlphaFirstStudy + ".1.1"), file.FileMetaInformation.GetString(DicomTag.MediaStorageSopInstanceUid));
        Assert.Equal(p.Uid(AlphaFirstStudy + ".1.1"), file.Dataset.GetString(DicomTag.SopInstanceUid));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian.Uid, file.FileMetaInformation.GetString(DicomTag.TransferSyntaxUid));
        Assert.Equal(Imaging.Dicom.DicomImplementation.ClassUid, file.FileMetaInformation.GetString(DicomTag.ImplementationClassUid));
        Assert.Equal(p.Patient(Alpha), file.Dataset.GetString(DicomTags.PatientID));
    }

    [Fact]
    public async Task Zip_export_holds_the_same_files_as_the_folder_export_stored_or_deflated()
    {
        Directory.CreateDirectory(Path.Combine(_archive.Root, "out"));
        await RunAsync(Output("folder"));
        await RunAsync(Output("stored.zip"));
        await RunAsync(Output("deflated.zip"), deflate: true);

        var folder = ExportTestFiles.Read(Output("folder"));
        foreach (var zip in new[] { Output("stored.zip"), Output("deflated.zip") })
        {
            var zipped = ExportTestFiles.Read(zip);
            Assert.Equal(folder.Keys.Order(StringComparer.Ordinal), zipped.Keys.Order(StringComparer.Ordinal));
            foreach (var (path, content) in folder.Where(f => f.Key != "manifest.json")) Assert.Equal(content, zipped[path]);
            Assert.Equal(ExportTestFiles.Manifest(folder).GetProperty("files").GetRawText(), ExportTestFiles.Manifest(zipped).GetProperty("files").GetRawText());
        }
        using (var stored = ZipFile.OpenRead(Output("stored.zip")))
            Assert.All(stored.Entries.Where(e => e.FullName.EndsWith(".dcm", StringComparison.Ordinal)), e => Assert.Equal(e.Length, e.CompressedLength));
        using (var deflated = ZipFile.OpenRead(Output("deflated.zip")))
            Assert.Contains(deflated.Entries, e => e.CompressedLength < e.Length);
        Assert.Equal(["deflated.zip", "folder", "stored.zip"], Directory.EnumerateFileSystemEntries(Path.Combine(_archive.Root, "out"))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Findings_tables_hold_pseudonymous_rows_readable_as_csv_and_parquet()
    {
        await RunAsync(Output("tables"));
        var files = ExportTestFiles.Read(Output("tables"));
        var p = _archive.Pseudonymizer;

        var findings = Csv(files["findings.csv"]);
        Assert.Equal(3, findings.Count);
        var second = findings.Single(r => r["study"] == p.Uid(AlphaSecondStudy));
        Assert.Equal((p.Patient(Alpha), "NM", "bone-scan", "1.2.0", "91", "5"),
            (second["patient"], second["modality"], second["analyzer"], second["analyzer_version"], second["days_since_first_study"], second["lesion_count"]));
        Assert.Equal(("1", "3", "", "2", "2", "3", "0", "91"), (second["region_skull"], second["region_thoracic_spine"], second["region_pelvis"],
            second["extent_of_disease_grade"], second["comparison_new"], second["comparison_persistent"], second["comparison_resolved"],
            second["comparison_interval_days"]));
        Assert.Equal("0", findings.Single(r => r["study"] == p.Uid(AlphaFirstStudy))["days_since_first_study"]);
        var spine = findings.Single(r => r["analyzer"] == "spine");
        Assert.Equal((p.Patient(Beta), "T7", "high", "CT"), (spine["patient"], spine["flagged_levels"], spine["label_confidence"], spine["modality"]));

        var vertebrae = Csv(files["vertebrae.csv"]);
        Assert.Equal(["T7", "L1"], vertebrae.Select(r => r["level"]));
        Assert.Equal(("15.5", "29.5", "2", "wedge", "false"), (vertebrae[0]["anterior_height_mm"], vertebrae[0]["height_loss_percent"],
            vertebrae[0]["genant_grade"], vertebrae[0]["fracture_type"], vertebrae[0]["cement"]));
        var lesions = Csv(files["lesions.csv"]);
        Assert.Equal(4, lesions.Count);
        Assert.Equal(("L1", "thoracic-spine", "anterior;posterior", "120", "200", "2.5", "140.5"), (lesions[0]["lesion_id"], lesions[0]["region"],
            lesions[0]["views"], lesions[0]["x"], lesions[0]["y"], lesions[0]["peak_ratio"], lesions[0]["area_mm2"]));

        await using (var parquet = await ParquetReader.CreateAsync(new MemoryStream(files["findings.parquet"])))
        {
            using var group = parquet.OpenRowGroupReader(0);
            Assert.Equal(3, (int)group.RowCount);
            var patients = new string?[3];
            await group.ReadAsync(parquet.Schema.FindDataField("patient"), patients.AsMemory(), null, None);
            var counts = new int?[3];
            await group.ReadAsync<int>(parquet.Schema.FindDataField("lesion_count"), counts.AsMemory(), null, None);
            Assert.Equal(findings.Select(r => r["patient"]), patients);
            Assert.Equal(findings.Select(r => r["lesion_count"] == "" ? (int?)null : int.Parse(r["lesion_count"], System.Globalization.CultureInfo.InvariantCulture)), counts);
        }
        await using (var parquet = await ParquetReader.CreateAsync(new MemoryStream(files["vertebrae.parquet"])))
        {
            using var group = parquet.OpenRowGroupReader(0);
            var heights = new double?[2];
            await group.ReadAsync<double>(parquet.Schema.FindDataField("anterior_height_mm"), heights.AsMemory(), null, None);
            var cement = new bool?[2];
            await group.ReadAsync<bool>(parquet.Schema.FindDataField("cement"), cement.AsMemory(), null, None);
            Assert.Equal([15.5, 25.0], heights);
            Assert.Equal([false, true], cement);
        }
        await using (var parquet = await ParquetReader.CreateAsync(new MemoryStream(files["lesions.parquet"])))
            Assert.Equal(4, (int)parquet.OpenRowGroupReader(0).RowCount);
    }

    [Fact]
    public async Task No_original_identifier_reaches_the_tables_or_the_manifest()
    {
        await RunAsync(Output("clean.zip"));
        var files = ExportTestFiles.Read(Output("clean.zip"));

        foreach (var name in new[] { "manifest.json", "findings.csv", "vertebrae.csv", "lesions.csv", "findings.parquet", "vertebrae.parquet", "lesions.parquet" })
        {
            var text = Encoding.UTF8.GetString(files[name]);
            foreach (var identifier in _archive.Identifiers) Assert.DoesNotContain(identifier, text, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Dr Who", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Quarantined_and_failed_items_are_listed_by_pseudonyms_and_the_export_goes_on()
    {
        var p = _archive.Pseudonymizer;
        var missing = await _archive.AddInstanceAsync(Beta, "BETA^BORIS", BetaStudy, "20230505", BetaStudy + ".1", "CT", BetaStudy + ".1.3", 3);
        var corrupt = await _archive.AddInstanceAsync(Beta, "BETA^BORIS", BetaStudy, "20230505", BetaStudy + ".1", "CT", BetaStudy + ".1.4", 4);
        File.Delete(_archive.Blobs.GetPath(missing));
        File.WriteAllBytes(_archive.Blobs.GetPath(corrupt), Encoding.ASCII.GetBytes("not DICOM at all, just text that is long enough"));

        var result = await RunAsync(Output("partial-failures"));

        Assert.Equal((5, 1, 2), (result.Exported, result.Quarantined, result.Failed));
        var manifest = ExportTestFiles.Manifest(ExportTestFiles.Read(Output("partial-failures")));
        var quarantined = Assert.Single(manifest.GetProperty("quarantined").EnumerateArray());
        Assert.Equal((p.Patient(Beta), p.Uid(BetaStudy), p.Uid(BetaStudy + ".2"), p.Uid(BetaStudy + ".2.1"), "1.2.840.10008.5.1.4.1.1.7", "burned-in annotation: YES"),
            (quarantined.GetProperty("patient").GetString(), quarantined.GetProperty("study").GetString(), quarantined.GetProperty("series").GetString(),
             quarantined.GetProperty("sopInstance").GetString(), quarantined.GetProperty("sopClass").GetString(), quarantined.GetProperty("reason").GetString()));
        var failed = manifest.GetProperty("failed").EnumerateArray().ToList();
        Assert.Equal(new[] { p.Uid(BetaStudy + ".1.3"), p.Uid(BetaStudy + ".1.4") }.Order(StringComparer.Ordinal),
            failed.Select(f => f.GetProperty("sopInstance").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains(failed, f => f.GetProperty("error").GetString() == "stored file missing");
        Assert.Contains(failed, f => f.GetProperty("error").GetString()!.StartsWith("stored file is not readable DICOM", StringComparison.Ordinal));
        Assert.All(failed, f => Assert.Equal(p.Patient(Beta), f.GetProperty("patient").GetString()));
        Assert.Equal(2, manifest.GetProperty("counts").GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task Reexport_gives_byte_identical_dicom_files()
    {
        await RunAsync(Output("first"));
        await RunAsync(Output("second"));

        var first = ExportTestFiles.Read(Output("first"));
        var second = ExportTestFiles.Read(Output("second"));
        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, content) in first.Where(f => f.Key != "manifest.json")) Assert.Equal(content, second[path]);
    }

    [Fact]
    public async Task Dcmdump_reads_every_exported_file()
    {
        await RunAsync(Output("dcmtk"));

        var dicom = Directory.EnumerateFiles(Output("dcmtk"), "*.dcm", SearchOption.AllDirectories).ToList();
        Assert.Equal(5, dicom.Count);
        foreach (var file in dicom)
        {
            var dump = (await ExternalTool.RunAsync("dcmdump", ["-E", file], TimeSpan.FromSeconds(30))).EnsureSuccess("dcmdump " + file);
            Assert.DoesNotContain("ALPHA", dump.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("BETA", dump.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("E:", dump.StandardError, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Export_is_audited_per_study_with_the_original_identifiers_and_a_summary()
    {
        var result = await RunAsync(Output("audited"), audit: _archive.Store);

        var entries = await _archive.Store.QueryAuditAsync(new AuditQuery(UserName: "researcher"), None);
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.Equal(("EXPORT", 200), (e.Method, e.StatusCode)));
        Assert.Equal([AlphaFirstStudy, AlphaSecondStudy, BetaStudy], entries.Where(e => e.StudyInstanceUid is not null).Select(e => e.StudyInstanceUid!)
            .Order(StringComparer.Ordinal));
        Assert.Equal(Beta, entries.Single(e => e.StudyInstanceUid == BetaStudy).PatientId);
        var target = entries.First(e => e.StudyInstanceUid is not null).Target;
        Assert.StartsWith("export:", target, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.StartsWith(target, e.Target, StringComparison.Ordinal));
        var id = ExportTestFiles.Manifest(ExportTestFiles.Read(result.OutputPath)).GetProperty("exportId").GetString();
        Assert.Equal("export:" + id, target);
    }

    [Fact]
    public async Task Progress_ends_with_every_instance_done()
    {
        var reports = new List<ExportProgress>();
        var progress = new SynchronousProgress(reports);

        await RunAsync(Output("progress"), progress: progress);

        lock (reports)
        {
            Assert.NotEmpty(reports);
            Assert.Equal(new ExportProgress(6, 5, 1, 0, reports[^1].BytesWritten), reports[^1]);
            Assert.All(reports, r => Assert.Equal(6, r.Total));
        }
    }

    [Fact]
    public async Task Cohorts_select_by_modality_date_lesion_count_and_flagged_level()
    {
        async Task<int> ExportedAsync(string name, ExportSelection selection) => (await RunAsync(Output(name), selection)).Exported;

        Assert.Equal(2, await ExportedAsync("ct", new ExportSelection([], ["CT"])));
        Assert.Equal(3, await ExportedAsync("2024", new ExportSelection([], [], new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31))));
        Assert.Equal(1, await ExportedAsync("lesions", new ExportSelection([], [], MinimumLesionCount: 4)));
        Assert.Equal(2, await ExportedAsync("t7", new ExportSelection([], [], FlaggedLevel: "T7")));
        Assert.Equal(2, await ExportedAsync("flagged", new ExportSelection([], [], AnyFlaggedLevel: true)));
        Assert.Equal(3, await ExportedAsync("alpha", new ExportSelection([Alpha], [])));
    }

    [Fact]
    public async Task A_non_empty_output_folder_or_an_existing_zip_is_refused_before_anything_is_written()
    {
        var folder = Output("busy");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "keep.txt"), "mine");
        await File.WriteAllTextAsync(Output("existing.zip"), "mine");

        await Assert.ThrowsAsync<ExportException>(() => RunAsync(folder));
        await Assert.ThrowsAsync<ExportException>(() => RunAsync(Output("existing.zip")));

        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
        Assert.Equal("mine", await File.ReadAllTextAsync(Output("existing.zip")));
        Assert.Equal(["busy", "existing.zip"], Directory.EnumerateFileSystemEntries(Path.Combine(_archive.Root, "out")).Select(Path.GetFileName)
            .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_empty_cohort_or_an_invalid_request_is_refused()
    {
        await Assert.ThrowsAsync<ExportException>(() => RunAsync(Output("none"), new ExportSelection(["nobody"], [])));
        await Assert.ThrowsAsync<ExportException>(() => RunAsync(Output("bad"), new ExportSelection([], [new string('X', 40)])));
        await Assert.ThrowsAsync<ExportException>(() => _archive.Runner().RunAsync(Request(Output("anon")) with { RequestedBy = " " }, null, None));
        Assert.False(Directory.Exists(Path.Combine(_archive.Root, "out")) && Directory.EnumerateFileSystemEntries(Path.Combine(_archive.Root, "out")).Any());
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("cancelled.zip")]
    public async Task Cancellation_removes_the_partial_output(string name)
    {
        Directory.CreateDirectory(Path.Combine(_archive.Root, "out"));
        using var cancellation = new CancellationTokenSource();
        // Cancels from inside the pipeline once two instances are done: deterministic, no timing involved.
        var factory = new CancellingFactory(new FakeDeidentifierFactory(_archive.Pseudonymizer), cancellation, afterCalls: 2);
        var runner = _archive.Runner(new ExportRunnerOptions { Workers = 1 }, factory: factory);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(Request(Output(name)), null, cancellation.Token));

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_archive.Root, "out")));
    }

    /// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class SynchronousProgress(List<ExportProgress> reports) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }

    private sealed class CancellingFactory(IDeidentifierFactory inner, CancellationTokenSource cancellation, int afterCalls) : IDeidentifierFactory
    {
        public IDeidentifier Create(DeidentificationOptions options) => new Cancelling(inner.Create(options), cancellation, afterCalls);

        private sealed class Cancelling(IDeidentifier inner, CancellationTokenSource cancellation, int afterCalls) : IDeidentifier
        {
            private int _calls;

            public DeidentificationOptions Options => inner.Options;

            public DeidentificationOutcome Deidentify(DicomDataset dataset)
            {
                if (Interlocked.Increment(ref _calls) == afterCalls) cancellation.Cancel();
                return inner.Deidentify(dataset);
            }
        }
    }

    private static List<Dictionary<string, string>> Csv(byte[] content)
    {
        var lines = Encoding.UTF8.GetString(content).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        // The seeded tables hold no quoted fields, so a plain split reads them.
        return [.. lines.Skip(1).Select(line => header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
