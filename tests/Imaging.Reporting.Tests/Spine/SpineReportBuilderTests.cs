using System.Globalization;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Comparison;
using Imaging.Analysis.Spine.Volume;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Tests.Support;
using Imaging.Reporting.Spine;

namespace Imaging.Reporting.Tests.Spine;

/// <summary>The spine report objects built from a small analysed CT phantom: SR content, validity by DCMTK and dicom3tools,
/// the key image's marks, the key object selection and determinism.</summary>
public sealed class SpineReportBuilderTests
{
    [Fact]
    public async Task Report_is_read_by_dsrdump_without_errors_with_one_group_per_level_its_tracking_uid_site_and_centroid()
    {
        var (study, findings) = await PhantomSpines.FracturedSpine;
        Assert.NotEmpty(findings.Vertebrae);
        var set = await SpineReportBuilder.BuildAsync(findings, PhantomSpines.Files(study), 1, PhantomSpines.ProducedAt);
        using var temp = new TempFolder();
        var paths = await set.WriteAsync(temp.Path);

        var result = await ExternalTool.RunAsync("dsrdump", ["+Pc", "+Pu", paths[0]]);

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.StandardError.Length == 0, result.StandardError);
        var dump = result.StandardOutput;
        Assert.Contains("Comprehensive 3D SR", dump);
        Assert.Equal(DicomUids.Comprehensive3DSRStorage.Uid, set.Report.GetSingleString(DicomTag.SopClassUid));
        var seriesUid = findings.SeriesInstanceUid!;
        foreach (var level in findings.Vertebrae)
        {
            Assert.Equal(1, CountOf(dump, $"<has obs context TEXT:(112039,DCM,\"Tracking Identifier\")=\"{level.Level}\">"));
            var uid = level.TrackingUid ?? SpineResultUids.LevelTrackingUid(seriesUid, level.Level);
            Assert.Contains($"(112040,DCM,\"Tracking Unique Identifier\")=\"{uid}\"", dump);
            Assert.Contains($"(363698007,SCT,\"Finding Site\")=({VertebraCodes.For(level.Level)!.Value},SCT,", dump);
        }
        Assert.Equal(findings.Vertebrae.Count, CountOf(dump, "SCOORD3D:(128138,DCM,\"Center of Mass\")"));
        Assert.Contains("(VB-HEIGHT-ANT,99IMGPIPE,\"Anterior vertebral body height\")", dump);
        Assert.Contains("(mm,UCUM,\"millimeter\")", dump);
        Assert.Contains($"(FLAGGED-LEVELS,99IMGPIPE,\"Levels flagged for review\")=\"{string.Join(", ", findings.FlaggedLevels)}\"", dump);
    }

    [Fact]
    public async Task Report_key_image_and_key_objects_pass_dciodvfy_without_errors()
    {
        var (study, findings) = await PhantomSpines.FracturedSpine;
        var set = await SpineReportBuilder.BuildAsync(findings, PhantomSpines.Files(study), 1, PhantomSpines.ProducedAt);
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
    public async Task Flagged_levels_carry_their_genant_grade_fracture_type_and_flag_and_the_cemented_level_says_so()
    {
        var (study, findings) = await PhantomSpines.FracturedSpine;
        Assert.Contains("L1", findings.FlaggedLevels);
        var content = Content(findings, PhantomSpines.Files(study));

        Assert.Equal(findings.Vertebrae.Select(v => v.Level), content.Lesions.Select(g => g.TrackingIdentifier));
        foreach (var level in findings.Vertebrae)
        {
            var group = content.Lesions.Single(g => g.TrackingIdentifier == level.Level);
            Assert.Equal(SpineReportCodes.GenantGrade(level.GenantGrade), Evaluation(group, SpineReportCodes.GenantGradeConcept));
            Assert.Equal(SpineReportCodes.FractureType(level.FractureType), Evaluation(group, SpineReportCodes.FractureTypeConcept));
            Assert.Equal(level.GenantGrade >= 1 ? SpineReportCodes.Yes : SpineReportCodes.No, Evaluation(group, SpineReportCodes.FlaggedLevel));
            Assert.Equal(level.Cement ? SpineReportCodes.Yes : SpineReportCodes.No, Evaluation(group, SpineReportCodes.CementPresent));
            Assert.Equal(Math.Round(level.HeightLossPercent, 2), group.Measurements.Single(m => m.Concept == SpineReportCodes.HeightLoss).Value);
            Assert.NotNull(group.Point);
            Assert.Equal(Math.Round(level.CentroidMm[2], 2), group.Point!.Z);
        }
        Assert.Contains(content.Lesions.Single(g => g.TrackingIdentifier == "L1").Evaluations, e => e.Code == SpineReportCodes.GenantGrade(3));
        Assert.Equal(SpineReportCodes.Yes, Evaluation(content.Lesions.Single(g => g.TrackingIdentifier == "L3"), SpineReportCodes.CementPresent));
        Assert.Equal(findings.FlaggedLevels.Count, content.Summary.Single(m => m.Concept == SpineReportCodes.NumberOfFlaggedLevels).Value);
    }

    [Fact]
    public async Task Comparison_gives_each_level_its_status_and_height_change_and_keeps_levels_only_the_prior_had()
    {
        var (study, findings) = await PhantomSpines.FracturedSpine;
        var priorStudy = "1.2.826.0.1.3680043.8.498.777";
        var changes = findings.Vertebrae.Select(v => new VertebraChange
        {
            Level = v.Level,
            Status = v.Level == "L1" ? "new-fracture" : "stable",
            MinimumHeightChangeMm = v.Level == "L1" ? -9.5 : 0.1,
            MinimumHeightChangePercent = v.Level == "L1" ? -40 : 0.4,
            PriorGenantGrade = 0,
            CurrentGenantGrade = v.GenantGrade,
            NewFracture = v.Level == "L1",
            TrackingUid = v.TrackingUid,
        }).Append(new VertebraChange { Level = "T10", Status = "only-prior", PriorGenantGrade = 0 }).ToList();
        var compared = findings with
        {
            Comparison = new SpineComparison
            {
                PriorStudyInstanceUid = priorStudy,
                PriorDate = new DateOnly(2025, 6, 1),
                IntervalDays = 365,
                PriorModality = "CT",
                Levels = changes,
                NewFractureLevels = ["L1"],
                Alignment = new SpineAlignment { Method = "label", MatchedLevels = findings.Vertebrae.Count, ResidualMm = 0.4 },
            },
        };

        var content = Content(compared, PhantomSpines.Files(study));

        Assert.Equal(SpineReportCodes.ChangeStatus("new-fracture"), Evaluation(content.Lesions.Single(g => g.TrackingIdentifier == "L1"), SpineReportCodes.ChangeSincePrior));
        Assert.Equal(-9.5, content.Lesions.Single(g => g.TrackingIdentifier == "L1").Measurements.Single(m => m.Concept == SpineReportCodes.MinimumHeightChange).Value);
        foreach (var level in findings.Vertebrae.Where(v => v.Level != "L1"))
            Assert.Equal(SpineReportCodes.ChangeStatus("stable"), Evaluation(content.Lesions.Single(g => g.TrackingIdentifier == level.Level), SpineReportCodes.ChangeSincePrior));
        var gone = content.Lesions.Single(g => g.TrackingIdentifier == "T10");
        Assert.Equal(SpineReportCodes.ChangeStatus("only-prior"), Evaluation(gone, SpineReportCodes.ChangeSincePrior));
        Assert.Null(gone.Point);
        Assert.Contains(content.QualitativeEvaluations, e => e.Concept == ReportCodes.StudyInstanceUid && e.Uid == priorStudy);
        Assert.Contains(content.QualitativeEvaluations, e => e.Concept == ReportCodes.ComparisonWithPrior && e.Text!.Contains("new fractures: L1", StringComparison.Ordinal));
        Assert.Equal(1, content.Summary.Single(m => m.Concept == SpineReportCodes.NumberOfNewFractures).Value);

        // And the whole document still reads cleanly.
        var set = await SpineReportBuilder.BuildAsync(compared, PhantomSpines.Files(study), 1, PhantomSpines.ProducedAt);
        using var temp = new TempFolder();
        var paths = await set.WriteAsync(temp.Path);
        var dump = await ExternalTool.RunAsync("dsrdump", ["+Pc", paths[0]]);
        Assert.True(dump.ExitCode == 0 && dump.StandardError.Length == 0, dump.StandardError);
        Assert.Contains("(LEVEL-CHANGE,99IMGPIPE,\"Change since prior study\")=(NEW-FRACTURE,99IMGPIPE,\"New fracture\")", dump.StandardOutput);
    }

    [Fact]
    public async Task Key_image_marks_flagged_levels_in_red_at_their_rows_and_no_other_level()
    {
        var (study, findings) = await PhantomSpines.FracturedSpine;
        var files = PhantomSpines.Files(study);
        var series = SpineSourceSeries.Describe(files);
        var volume = await CtVolumeLoader.LoadAsync(series.ToSeriesInput(CancellationToken.None));
        var reformat = SagittalReformat.Create(volume, findings.Vertebrae);
        var uids = SpineResultUids.For(findings.SeriesInstanceUid!, findings.Analyzer, findings.AnalyzerVersion, 1);

        var key = SpineReportBuilder.Build(findings, series, reformat, uids, PhantomSpines.ProducedAt).KeyImage;

        var width = key.GetInteger(DicomTags.Columns)!.Value;
        Assert.Equal(reformat.Height, key.GetInteger(DicomTags.Rows));
        Assert.Equal(SpineKeyImage.MarginWidth(reformat) + reformat.Width, width);
        Assert.Equal(reformat.SpacingMm, key.GetDecimal(DicomTags.PixelSpacing)!.Value, 6);
        var pixels = key.GetElement(DicomTag.PixelData)!.Buffer.GetMemory().ToArray();
        var margin = SpineKeyImage.MarginWidth(reformat);
        bool RedNear(int row) => Enumerable.Range(Math.Max(0, row - 2), 5).Any(r => r < reformat.Height
            && Enumerable.Range(0, margin).Any(x => pixels[(r * width + x) * 3] == 255 && pixels[(r * width + x) * 3 + 1] == 0 && pixels[(r * width + x) * 3 + 2] == 0));
        foreach (var level in findings.Vertebrae)
        {
            var row = (int)Math.Round(reformat.RowOf(level.CentroidMm[2]));
            Assert.True(RedNear(row) == level.GenantGrade >= 1, $"{level.Level} (grade {level.GenantGrade}) at row {row}");
        }
        // The cemented level's C is yellow.
        var cemented = findings.Vertebrae.Single(v => v.Level == "L3");
        var cementRow = (int)Math.Round(reformat.RowOf(cemented.CentroidMm[2]));
        Assert.Contains(Enumerable.Range(cementRow - 7, 15).SelectMany(r => Enumerable.Range(0, margin).Select(x => (r * width + x) * 3)),
            i => pixels[i] == 255 && pixels[i + 1] == 255 && pixels[i + 2] == 0);
        // Bone is bright in the reformat: the centroid of L2 lies in trabecular bone (200 HU, grey about 102 in the 400/1800 window).
        var l2 = findings.Vertebrae.Single(v => v.Level == "L2");
        var at = ((int)Math.Round(reformat.RowOf(l2.CentroidMm[2])) * width + margin + (int)Math.Round(reformat.ColumnOf(l2.CentroidMm[1]))) * 3;
        Assert.InRange(pixels[at], 70, 140);
    }

    [Fact]
    public async Task Key_objects_reference_the_report_the_key_image_and_the_slice_through_each_flagged_level()
    {
        var (study, findings) = await PhantomSpines.FracturedSpine;
        var files = PhantomSpines.Files(study);
        var set = await SpineReportBuilder.BuildAsync(findings, files, 1, PhantomSpines.ProducedAt);
        using var temp = new TempFolder();
        var paths = await set.WriteAsync(temp.Path);

        var dump = await ExternalTool.RunAsync("dsrdump", ["+Pc", "+Pu", paths[2]]);

        Assert.Equal(0, dump.ExitCode);
        // DCMTK cannot check TID 2010's constraints and says so; anything else is a problem.
        var unexpected = dump.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.Contains("template constraints not yet supported", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected));
        Assert.Contains(set.Report.GetSingleString(DicomTag.SopInstanceUid)!, dump.StandardOutput);
        Assert.Contains(set.KeyImage.GetSingleString(DicomTag.SopInstanceUid)!, dump.StandardOutput);
        var slices = SpineReportBuilder.KeySlices(findings, SpineSourceSeries.Describe(files));
        Assert.Equal(findings.FlaggedLevels.Count, slices.Count);
        foreach (var index in slices) Assert.Contains(files[index].Dataset.GetSingleString(DicomTag.SopInstanceUid)!, dump.StandardOutput);
    }

    [Fact]
    public async Task Building_twice_gives_the_same_uids_and_the_same_bytes_and_tracking_uids_follow_the_series_and_level()
    {
        var (study, findings) = await PhantomSpines.FracturedSpine;
        var untracked = findings with { Vertebrae = findings.Vertebrae.Select(v => v with { TrackingUid = null }).ToList() };
        var first = await SpineReportBuilder.BuildAsync(untracked, PhantomSpines.Files(study), 3, PhantomSpines.ProducedAt);
        var second = await SpineReportBuilder.BuildAsync(untracked, PhantomSpines.Files(study), 3, PhantomSpines.ProducedAt);
        var next = await SpineReportBuilder.BuildAsync(untracked, PhantomSpines.Files(study), 4, PhantomSpines.ProducedAt);
        using var a = new TempFolder();
        using var b = new TempFolder();

        var firstPaths = await first.WriteAsync(a.Path);
        var secondPaths = await second.WriteAsync(b.Path);

        for (var i = 0; i < 3; i++) Assert.Equal(await File.ReadAllBytesAsync(firstPaths[i]), await File.ReadAllBytesAsync(secondPaths[i]));
        Assert.NotEqual(first.Report.GetSingleString(DicomTag.SopInstanceUid), next.Report.GetSingleString(DicomTag.SopInstanceUid));
        var content = Content(untracked, PhantomSpines.Files(study));
        foreach (var group in content.Lesions)
            Assert.Equal(SpineResultUids.LevelTrackingUid(findings.SeriesInstanceUid!, group.TrackingIdentifier), group.TrackingUid);
        var given = findings with { Vertebrae = [findings.Vertebrae[0] with { TrackingUid = "2.25.12345" }, .. findings.Vertebrae.Skip(1)] };
        Assert.Equal("2.25.12345", Content(given, PhantomSpines.Files(study)).Lesions[0].TrackingUid);
    }

    [Fact]
    public void Vertebra_codes_come_from_cid_7603_and_transitional_levels_get_their_region()
    {
        Assert.Equal(new CodedConcept("56401006", "SCT", "T5 vertebra"), VertebraCodes.For("T5"));
        Assert.Equal(new CodedConcept("49668003", "SCT", "L5 vertebra"), VertebraCodes.For("l5"));
        Assert.Equal(SkeletalRegionCodes.For("thoracic-spine"), VertebraCodes.For("T13"));
        Assert.Equal(SkeletalRegionCodes.For("lumbar-spine"), VertebraCodes.For("L6"));
        Assert.Equal(SkeletalRegionCodes.For("sacrum"), VertebraCodes.For("S1"));
        Assert.Null(VertebraCodes.For("X9"));
        Assert.Null(VertebraCodes.For(""));
    }

    [Fact]
    public async Task Findings_without_levels_are_not_reported()
    {
        var (study, findings) = await PhantomSpines.FracturedSpine;
        var empty = findings with { Vertebrae = [], FlaggedLevels = [] };

        Assert.False(SpineReportBuilder.CanReport(empty));
        await Assert.ThrowsAsync<ArgumentException>(() => SpineReportBuilder.BuildAsync(empty, PhantomSpines.Files(study), 1, PhantomSpines.ProducedAt));
    }

    private static MeasurementReportContent Content(SpineFindings findings, IReadOnlyList<Imaging.Dicom.IO.DicomFile> files) =>
        SpineReportBuilder.ReportContent(findings, SpineSourceSeries.Describe(files),
            SpineResultUids.For(findings.SeriesInstanceUid!, findings.Analyzer, findings.AnalyzerVersion, 1), PhantomSpines.ProducedAt);

    private static CodedConcept? Evaluation(LesionMeasurementGroup group, CodedConcept concept) =>
        group.Evaluations.SingleOrDefault(e => e.Concept == concept)?.Code;

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
