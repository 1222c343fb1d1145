using System.Globalization;
using Imaging.Analysis.BoneScan;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms;
using Imaging.Reporting.BoneScan;

namespace Imaging.Reporting.Tests.BoneScan;

public sealed class BoneScanReportBuilderTests
{
    private const int Columns = 256;

    [Fact]
    public async Task Report_of_an_analysed_phantom_is_read_by_dsrdump_without_errors_and_lists_counts_grade_and_lesions()
    {
        var (study, findings) = PhantomScans.TwoFrameScan;
        Assert.True(findings.LesionCount > 0, $"the phantom's lesions were not found: {findings.LesionCount}");
        var set = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt);
        using var temp = new TempFolder();
        var paths = await set.WriteAsync(temp.Path);

        var result = await ExternalTool.RunAsync("dsrdump", ["+Pc", "+Pu", paths[0]]);

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.StandardError.Length == 0, result.StandardError);
        var dump = result.StandardOutput;
        var expected = new List<string>
        {
            "Comprehensive SR Document",
            "<CONTAINER:(126000,DCM,\"Imaging Measurement Report\")=SEPARATE>",
            "<has concept mod CODE:(121058,DCM,\"Procedure reported\")=(NM-WB-BONE,99IMGPIPE,\"Whole body bone scintigraphy\")>",
            $"<has obs context TEXT:(121013,DCM,\"Device Observer Name\")=\"{BoneScanAnalyzer.AnalyzerName}\">",
            $"<contains NUM:(LESION-COUNT,99IMGPIPE,\"Number of lesions\")=\"{findings.LesionCount}\" ({{lesions}},UCUM,\"lesions\")>",
            $"<contains TEXT:(EOD-GRADE,99IMGPIPE,\"Soloway extent of disease grade\")=\"{findings.ExtentOfDiseaseGrade}\">",
            "(LESION-BURDEN,99IMGPIPE,\"Lesion area fraction of skeleton\")",
            "<has concept mod CODE:(363698007,SCT,\"Finding Site\")=(89546000,SCT,\"Bone structure of cranium\")>",
            "<has concept mod CODE:(363698007,SCT,\"Finding Site\")=(61685007,SCT,\"Lower limb\")>",
        };
        foreach (var lesion in findings.Lesions)
        {
            expected.Add($"<has obs context TEXT:(112039,DCM,\"Tracking Identifier\")=\"Lesion {lesion.Id}\">");
            // Lesions seen anteriorly lie on frame 1 at their position; posterior-only ones on frame 2, un-mirrored.
            var x = lesion.Views.Contains(BoneScanView.Anterior) ? lesion.X : Columns - 1 - lesion.X;
            expected.Add($"(CIRCLE,{(x + 0.5).ToString(CultureInfo.InvariantCulture)}/{(lesion.Y + 0.5).ToString(CultureInfo.InvariantCulture)},");
        }
        foreach (var focus in findings.Excluded)
            expected.Add($"<contains TEXT:(EXCLUDED-FOCUS,99IMGPIPE,\"Focus not counted\")=\"{focus.Reason}");
        foreach (var text in expected) Assert.True(dump.Contains(text, StringComparison.Ordinal), $"dsrdump output lacks {text}:\n{dump}");
        // Eleven regions and the total: one count each.
        Assert.Equal(12, CountOf(dump, "(LESION-COUNT,99IMGPIPE,\"Number of lesions\")"));
    }

    [Fact]
    public async Task Report_key_image_and_key_objects_pass_dciodvfy_without_errors()
    {
        var (study, findings) = PhantomScans.TwoFrameScan;
        var set = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt);
        using var temp = new TempFolder();
        var paths = await set.WriteAsync(temp.Path);

        foreach (var path in paths)
        {
            var result = await ExternalTool.RunAsync("dciodvfy", ["-new", path]);
            var errors = (result.StandardOutput + result.StandardError).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, $"{Path.GetFileName(path)}:\n{string.Join('\n', errors)}\n{result.StandardError}");
        }
    }

    [Fact]
    public void Lesion_roi_is_a_circle_at_the_pixel_centre_with_the_area_equivalent_radius_on_the_anterior_frame()
    {
        var (study, _) = PhantomScans.TwoFrameScan;
        var area = 452.389; // a 12 mm radius circle: 5 pixels at 2.4 mm
        var findings = HandMade(new BoneScanLesion("A1", SkeletalRegion.Pelvis, [BoneScanView.Anterior, BoneScanView.Posterior], 100, 600, 2.75, area));

        var report = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt).Report;

        var roi = Assert.Single(Scoords(report));
        Assert.Equal("CIRCLE", roi.GetSingleString(DicomTags.GraphicType));
        Assert.Equal([100.5f, 600.5f, 105.5f, 600.5f], GraphicData(roi));
        var image = Assert.Single(roi.GetSequence(DicomTags.ContentSequence)!.Items);
        var reference = Assert.Single(image.GetSequence(DicomTags.ReferencedSOPSequence)!.Items);
        Assert.Equal(study.Instances[0].Dataset.GetSingleString(DicomTag.SopInstanceUid), reference.GetSingleString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal("1", reference.GetSingleString(DicomTags.ReferencedFrameNumber));
    }

    [Fact]
    public void Posterior_only_lesion_lies_on_the_posterior_frame_with_its_column_unmirrored()
    {
        var (study, _) = PhantomScans.TwoFrameScan;
        var findings = HandMade(new BoneScanLesion("P1", SkeletalRegion.Ribs, [BoneScanView.Posterior], 70, 400, 2.1, 200));

        var report = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt).Report;

        var roi = Assert.Single(Scoords(report));
        var data = GraphicData(roi);
        Assert.Equal(Columns - 1 - 70 + 0.5f, data[0]);
        Assert.Equal(400.5f, data[1]);
        var reference = Assert.Single(Assert.Single(roi.GetSequence(DicomTags.ContentSequence)!.Items).GetSequence(DicomTags.ReferencedSOPSequence)!.Items);
        Assert.Equal("2", reference.GetSingleString(DicomTags.ReferencedFrameNumber));
    }

    [Fact]
    public void With_one_instance_per_view_a_posterior_only_lesion_references_the_posterior_instance()
    {
        var (study, analysed) = PhantomScans.InstancePerViewScan;
        var findings = HandMade(new BoneScanLesion("P1", SkeletalRegion.Ribs, [BoneScanView.Posterior], 70, 400, 2.1, 200)) with
        {
            SeriesInstanceUid = analysed.SeriesInstanceUid,
            StudyInstanceUid = analysed.StudyInstanceUid,
        };
        var files = PhantomScans.Files(study);
        var views = BoneScanSourceViews.Locate(files);
        var posterior = Assert.IsType<BoneScanViewFrame>(views.Posterior);

        var set = BoneScanReportBuilder.Build(findings, files, 1, PhantomScans.ProducedAt);

        var reference = Assert.Single(Assert.Single(Assert.Single(Scoords(set.Report)).GetSequence(DicomTags.ContentSequence)!.Items).GetSequence(DicomTags.ReferencedSOPSequence)!.Items);
        Assert.Equal(files[posterior.Source].Dataset.GetSingleString(DicomTag.SopInstanceUid), reference.GetSingleString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal("1", reference.GetSingleString(DicomTags.ReferencedFrameNumber));
        Assert.Equal(2, set.KeyImage.GetSequence(DicomTags.SourceImageSequence)!.Items.Count);
        Assert.Equal(2 * Columns + 4, set.KeyImage.GetInteger(DicomTags.Columns));
    }

    [Fact]
    public async Task Lesions_in_paired_regions_get_the_side_of_the_spine_line_and_midline_ones_none()
    {
        var (study, analysed) = PhantomScans.TwoFrameScan;
        var spine = (int)Math.Round(analysed.Anchors!.SpineColumn);
        var findings = HandMade(
            new BoneScanLesion("R1", SkeletalRegion.Pelvis, [BoneScanView.Anterior], spine - 30, 350, 2.5, 300),
            new BoneScanLesion("L1", SkeletalRegion.Ribs, [BoneScanView.Posterior], spine + 30, 250, 2.5, 300),
            new BoneScanLesion("M1", SkeletalRegion.Pelvis, [BoneScanView.Anterior], spine + 2, 360, 2.5, 300),
            new BoneScanLesion("S1", SkeletalRegion.ThoracicSpine, [BoneScanView.Anterior], spine + 30, 200, 2.5, 300));
        using var temp = new TempFolder();
        var paths = await BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt).WriteAsync(temp.Path);

        var dump = (await ExternalTool.RunAsync("dsrdump", ["+Pc", paths[0]])).StandardOutput;

        // The patient's right is on the image left of the anterior frame (where posterior positions are mirrored to).
        Assert.Equal(1, CountOf(dump, "(272741003,SCT,\"Laterality\")=(24028007,SCT,\"Right\")"));
        Assert.Equal(1, CountOf(dump, "(272741003,SCT,\"Laterality\")=(7771000,SCT,\"Left\")"));
    }

    [Fact]
    public async Task Building_twice_gives_the_same_uids_and_the_same_bytes()
    {
        var (study, findings) = PhantomScans.TwoFrameScan;
        var first = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 3, PhantomScans.ProducedAt);
        var second = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 3, PhantomScans.ProducedAt);
        var nextVersion = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 4, PhantomScans.ProducedAt);
        using var a = new TempFolder();
        using var b = new TempFolder();

        var firstPaths = await first.WriteAsync(a.Path);
        var secondPaths = await second.WriteAsync(b.Path);

        for (var i = 0; i < 3; i++) Assert.Equal(await File.ReadAllBytesAsync(firstPaths[i]), await File.ReadAllBytesAsync(secondPaths[i]));
        Assert.Equal(first.Report.GetSingleString(DicomTag.SopInstanceUid), second.Report.GetSingleString(DicomTag.SopInstanceUid));
        Assert.NotEqual(first.Report.GetSingleString(DicomTag.SopInstanceUid), nextVersion.Report.GetSingleString(DicomTag.SopInstanceUid));
        Assert.Equal(3, new[] { first.Report, first.KeyImage, first.KeyObjects }.Select(d => d.GetSingleString(DicomTag.SopInstanceUid)).Distinct().Count());
    }

    [Fact]
    public void Tracking_uid_of_the_findings_is_kept_and_a_missing_one_is_derived_from_series_and_lesion_id()
    {
        var (study, _) = PhantomScans.TwoFrameScan;
        const string Given = "2.25.1234567890";
        var findings = HandMade(
            new BoneScanLesion("A1", SkeletalRegion.Pelvis, [BoneScanView.Anterior], 100, 600, 2.5, 300) { TrackingUid = Given },
            new BoneScanLesion("A2", SkeletalRegion.Skull, [BoneScanView.Anterior], 128, 90, 2.5, 300));

        var uids = TrackingUids(BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt).Report);

        Assert.Equal(Given, uids[0]);
        Assert.Equal(BoneScanResultUids.LesionTrackingUid(findings.SeriesInstanceUid!, "A2"), uids[1]);
        Assert.True(DicomUidFactory.IsValid(uids[1]));
    }

    [Fact]
    public void Key_image_rings_lesions_in_red_on_their_views_and_crosses_excluded_foci_in_yellow()
    {
        var (study, _) = PhantomScans.TwoFrameScan;
        var findings = HandMade(
            new BoneScanLesion("A1", SkeletalRegion.Pelvis, [BoneScanView.Anterior], 100, 600, 2.5, 452.389),
            new BoneScanLesion("P1", SkeletalRegion.Ribs, [BoneScanView.Posterior], 70, 400, 2.1, 200)) with
        {
            Excluded = [new ExcludedFocus("bladder", 128, 640)],
        };

        var keyImage = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt).KeyImage;

        var width = (int)keyImage.GetInteger(DicomTags.Columns)!.Value;
        Assert.Equal(2 * Columns + 4, width);
        var pixels = keyImage.GetElement(DicomTag.PixelData)!.Buffer.GetMemory().Span.ToArray();
        (byte R, byte G, byte B) At(int x, int y) => (pixels[(y * width + x) * 3], pixels[(y * width + x) * 3 + 1], pixels[(y * width + x) * 3 + 2]);
        // Anterior lesion: ring of radius 5 + 3 px around (100, 600), on the anterior view only.
        Assert.Equal((255, 0, 0), At(108, 600));
        Assert.NotEqual((255, 0, 0), At(Columns + 4 + Columns - 1 - 100 + 8, 600));
        // Posterior-only lesion: on the posterior view at the un-mirrored column, not on the anterior view.
        var posteriorLeft = Columns + 4;
        var radius = (int)Math.Round(Math.Sqrt(200 / Math.PI) / 2.4 + 3);
        Assert.Equal((255, 0, 0), At(posteriorLeft + Columns - 1 - 70 + Math.Max(radius, 4), 400));
        Assert.NotEqual((255, 0, 0), At(70 + Math.Max(radius, 4), 400));
        // The bladder: a yellow cross on both views.
        Assert.Equal((255, 255, 0), At(128, 640));
        Assert.Equal((255, 255, 0), At(posteriorLeft + Columns - 1 - 128, 640));
    }

    [Fact]
    public async Task Key_object_selection_references_the_report_and_the_key_image_and_dsrdump_reads_it()
    {
        var (study, findings) = PhantomScans.TwoFrameScan;
        var set = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt);
        using var temp = new TempFolder();
        var paths = await set.WriteAsync(temp.Path);

        var result = await ExternalTool.RunAsync("dsrdump", ["+Pc", "+Pu", paths[2]]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(set.Report.GetSingleString(DicomTag.SopInstanceUid)!, result.StandardOutput);
        Assert.Contains(set.KeyImage.GetSingleString(DicomTag.SopInstanceUid)!, result.StandardOutput);
        var unexpected = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.Contains("template constraints not yet supported", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected));
    }

    [Fact]
    public void Quality_warnings_and_excluded_foci_are_qualitative_evaluations_of_the_report()
    {
        var (study, _) = PhantomScans.TwoFrameScan;
        var findings = HandMade() with
        {
            Qc = PhantomScans.TwoFrameScan.Findings.Qc with { Warnings = ["counts per view under 0.5 M"] },
            Excluded = [new ExcludedFocus("symmetric-joint", 100, 500) { Note = "probably degenerative" }],
        };

        var content = BoneScanReportBuilder.ReportContent(findings, BoneScanSourceViews.Locate(PhantomScans.Files(study)),
            BoneScanResultUids.For(findings.SeriesInstanceUid!, "bone-scan", "0.1", 1), PhantomScans.ProducedAt);

        Assert.Contains(content.QualitativeEvaluations, q => q.Concept == ReportCodes.QualityWarning && q.Text == "counts per view under 0.5 M");
        Assert.Contains(content.QualitativeEvaluations, q => q.Concept == ReportCodes.FocusNotCounted
            && q.Text == "symmetric-joint (probably degenerative) at column 100, row 500 of the anterior frame");
    }

    [Fact]
    public void Scans_with_another_tracer_or_a_failed_analysis_are_not_reported()
    {
        var (study, _) = PhantomScans.TwoFrameScan;
        var notCounted = HandMade() with { Status = TracerStatus.NotCounted, LesionCount = null, RegionCounts = null, ExtentOfDiseaseGrade = null };
        var failed = notCounted with { Status = TracerStatus.Failed };

        Assert.False(BoneScanReportBuilder.CanReport(notCounted));
        Assert.False(BoneScanReportBuilder.CanReport(failed));
        Assert.Throws<ArgumentException>(() => BoneScanReportBuilder.Build(notCounted, PhantomScans.Files(study), 1, PhantomScans.ProducedAt));
    }

    [Fact]
    public void A_lesion_outside_the_frame_is_rejected()
    {
        var (study, _) = PhantomScans.TwoFrameScan;
        var findings = HandMade(new BoneScanLesion("X1", SkeletalRegion.Pelvis, [BoneScanView.Anterior], Columns, 10, 2.5, 100));

        Assert.Throws<ArgumentException>(() => BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt));
    }

    /// <summary>Findings of the two-frame phantom's series with the given lesions (the counts follow from them).</summary>
    private static BoneScanFindings HandMade(params BoneScanLesion[] lesions)
    {
        var analysed = PhantomScans.TwoFrameScan.Findings;
        return analysed with
        {
            Lesions = lesions,
            LesionCount = lesions.Length,
            RegionCounts = RegionCounts.Of(lesions),
            Excluded = [],
            ExtentOfDiseaseGrade = lesions.Length == 0 ? 0 : 1,
        };
    }

    private static List<DicomDataset> Scoords(DicomDataset report)
    {
        var found = new List<DicomDataset>();
        Walk(report);
        return found;

        void Walk(DicomDataset item)
        {
            if (item.GetSingleString(DicomTags.ValueType) == "SCOORD") found.Add(item);
            foreach (var child in item.GetSequence(DicomTags.ContentSequence)?.Items ?? []) Walk(child);
        }
    }

    private static List<string> TrackingUids(DicomDataset report)
    {
        var uids = new List<string>();
        Walk(report);
        return uids;

        void Walk(DicomDataset item)
        {
            if (item.GetSequence(DicomTags.ConceptNameCodeSequence)?.Items.FirstOrDefault()?.GetSingleString(DicomTags.CodeValue) == "112040")
                uids.Add(item.GetSingleString(DicomTags.UID)!);
            foreach (var child in item.GetSequence(DicomTags.ContentSequence)?.Items ?? []) Walk(child);
        }
    }

    private static float[] GraphicData(DicomDataset scoord)
    {
        var bytes = scoord.GetElement(DicomTags.GraphicData)!.Buffer.GetMemory().Span;
        var values = new float[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++) values[i] = BitConverter.ToSingle(bytes.Slice(i * 4, 4));
        return values;
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
