using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Tests.Support;
using Imaging.Reporting.BoneScan;

namespace Imaging.Reporting.Tests.BoneScan;

/// <summary>The comparison with the prior scan in the SR (per-lesion change, resolved lesions, summary) and on the key image.</summary>
public sealed class BoneScanComparisonReportTests
{
    [Fact]
    public async Task Report_of_a_compared_scan_lists_each_lesions_change_the_resolved_ones_and_the_prior_study_and_dsrdump_reads_it()
    {
        var (study, _, findings) = ComparedScans.FollowUpScan;
        var comparison = findings.Comparison!;
        Assert.True(comparison is { NewCount: > 0, PersistentCount: > 0, ResolvedCount: > 0 },
            $"the pair should have each class: {comparison.NewCount} new, {comparison.PersistentCount} persistent, {comparison.ResolvedCount} resolved");
        var set = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt);
        using var temp = new TempFolder();
        var paths = await set.WriteAsync(temp.Path);

        var result = await ExternalTool.RunAsync("dsrdump", ["+Pc", "+Pu", "+Pl", paths[0]]);

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.StandardError.Length == 0, result.StandardError);
        var dump = result.StandardOutput;
        const string change = "<contains CODE:(LESION-CHANGE,99IMGPIPE,\"Change since prior scan\")=";
        Assert.Equal(comparison.NewCount, CountOf(dump, change + "(NEW,99IMGPIPE,\"New lesion\")>"));
        Assert.Equal(comparison.PersistentCount, CountOf(dump, change + "(PERSISTENT,99IMGPIPE,\"Persistent lesion\")>"));
        Assert.Equal(comparison.ResolvedCount, CountOf(dump, change + "(RESOLVED,99IMGPIPE,\"Resolved lesion\")>"));
        var expected = new List<string>
        {
            $"<contains UIDREF:(110180,DCM,\"Study Instance UID\")=\"{comparison.PriorStudyInstanceUid}\">",
            $"<contains NUM:(NEW-COUNT,99IMGPIPE,\"Number of new lesions\")=\"{comparison.NewCount}\"",
            $"<contains NUM:(PERSIST-COUNT,99IMGPIPE,\"Number of persistent lesions\")=\"{comparison.PersistentCount}\"",
            $"<contains NUM:(RESOLVED-COUNT,99IMGPIPE,\"Number of resolved lesions\")=\"{comparison.ResolvedCount}\"",
            $"{comparison.NewCount} new, {comparison.PersistentCount} persistent, {comparison.ResolvedCount} resolved",
        };
        foreach (var row in comparison.Lesions.Where(r => r.Status == LesionChange.Resolved))
        {
            expected.Add($"<has obs context TEXT:(112039,DCM,\"Tracking Identifier\")=\"Resolved lesion {row.PriorId} of prior\">");
            expected.Add($"<has obs context UIDREF:(112040,DCM,\"Tracking Unique Identifier\")=\"{row.TrackingUid}\">");
        }
        foreach (var note in comparison.Notes) expected.Add($"<contains TEXT:(COMPARISON,99IMGPIPE,\"Comparison with prior scan\")=\"{note}\">");
        foreach (var text in expected) Assert.True(dump.Contains(text, StringComparison.Ordinal), $"dsrdump output lacks {text}:\n{dump}");
        // Resolved lesions have no ROI: one SCOORD per current lesion only.
        Assert.Equal(findings.Lesions.Count, CountOf(dump, "<contains SCOORD:(111030,DCM,\"Image Region\")"));
    }

    [Fact]
    public async Task Compared_report_key_image_and_key_objects_pass_dciodvfy_without_errors()
    {
        var (study, _, findings) = ComparedScans.FollowUpScan;
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
    public void Persistent_and_resolved_lesions_keep_the_prior_tracking_uid_and_new_ones_their_own()
    {
        var (study, prior, findings) = ComparedScans.FollowUpScan;
        var content = BoneScanReportBuilder.ReportContent(findings, BoneScanSourceViews.Locate(PhantomScans.Files(study)),
            BoneScanResultUids.For(findings.SeriesInstanceUid!, "bone-scan", "0.2", 1), PhantomScans.ProducedAt);

        var priorUids = prior.Lesions.Select(l => l.TrackingUid).ToHashSet();
        foreach (var row in findings.Comparison!.Lesions)
        {
            var group = Assert.Single(content.Lesions, g => g.TrackingUid == row.TrackingUid);
            var status = Assert.Single(group.Evaluations, e => e.Concept == ReportCodes.ChangeSincePrior).Code;
            switch (row.Status)
            {
                case LesionChange.New:
                    Assert.Equal(ReportCodes.NewLesion, status);
                    Assert.DoesNotContain(row.TrackingUid, priorUids);
                    Assert.NotNull(group.Region);
                    break;
                case LesionChange.Persistent:
                    Assert.Equal(ReportCodes.PersistentLesion, status);
                    Assert.Contains(row.TrackingUid, priorUids);
                    Assert.NotNull(group.Region);
                    Assert.Contains(group.Measurements, m => m.Concept == ReportCodes.PeakRatioChange);
                    break;
                default:
                    Assert.Equal(ReportCodes.ResolvedLesion, status);
                    Assert.Contains(row.TrackingUid, priorUids);
                    Assert.Null(group.Region);
                    break;
            }
        }
    }

    [Fact]
    public void Key_image_rings_new_lesions_red_persistent_yellow_and_resolved_grey_dashed_where_the_prior_maps_to()
    {
        var (study, _, findings) = ComparedScans.FollowUpScan;
        var comparison = findings.Comparison!;

        var keyImage = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt).KeyImage;

        var width = (int)keyImage.GetInteger(DicomTags.Columns)!.Value;
        var pixels = keyImage.GetElement(DicomTag.PixelData)!.Buffer.GetMemory().Span.ToArray();
        (byte R, byte G, byte B) At(int x, int y) => (pixels[(y * width + x) * 3], pixels[(y * width + x) * 3 + 1], pixels[(y * width + x) * 3 + 2]);
        var spacing = findings.Qc!.PixelSpacingMm!.Value;
        int Radius(double area) => Math.Max((int)Math.Round(Math.Sqrt(area / Math.PI) / spacing + 3, MidpointRounding.AwayFromZero), 4);
        foreach (var lesion in findings.Lesions.Where(l => l.Views.Contains(BoneScanView.Anterior)))
        {
            var row = comparison.Lesions.Single(r => r.Id == lesion.Id);
            var colour = row.Status == LesionChange.New ? (255, 0, 0) : (255, 255, 0);
            Assert.Equal(colour, At(lesion.X + Radius(lesion.AreaMm2), lesion.Y));
        }
        foreach (var row in comparison.Lesions.Where(r => r.Status == LesionChange.Resolved))
        {
            var x = (int)Math.Round(row.ExpectedX!.Value, MidpointRounding.AwayFromZero);
            var y = (int)Math.Round(row.ExpectedY!.Value, MidpointRounding.AwayFromZero);
            Assert.Equal((170, 170, 170), At(x + Radius(row.PriorAreaMm2!.Value), y));
        }
        Assert.Contains("grey dashed rings: resolved lesions", keyImage.GetSingleString(DicomTags.DerivationDescription), StringComparison.Ordinal);
    }

    [Fact]
    public void A_resolved_lesion_without_a_mapped_position_is_left_off_the_key_image_and_the_legend_says_so()
    {
        var (study, _, findings) = ComparedScans.FollowUpScan;
        var comparison = findings.Comparison!;
        var unmapped = findings with
        {
            Comparison = comparison with
            {
                Lesions = [.. comparison.Lesions.Select(r => r.Status == LesionChange.Resolved ? r with { ExpectedX = null, ExpectedY = null } : r)],
            },
        };

        var plain = BoneScanReportBuilder.Build(findings, PhantomScans.Files(study), 1, PhantomScans.ProducedAt).KeyImage;
        var keyImage = BoneScanReportBuilder.Build(unmapped, PhantomScans.Files(study), 1, PhantomScans.ProducedAt).KeyImage;

        Assert.Contains($"{comparison.ResolvedCount} resolved lesion(s) not shown (no mapped position)",
            keyImage.GetSingleString(DicomTags.DerivationDescription), StringComparison.Ordinal);
        var with = plain.GetElement(DicomTag.PixelData)!.Buffer.GetMemory().Span.ToArray();
        var without = keyImage.GetElement(DicomTag.PixelData)!.Buffer.GetMemory().Span.ToArray();
        Assert.True(Grey(with) > Grey(without), "the resolved rings should be gone");
    }

    private static int Grey(byte[] rgb)
    {
        var count = 0;
        for (var i = 0; i + 2 < rgb.Length; i += 3)
            if (rgb[i] == 170 && rgb[i + 1] == 170 && rgb[i + 2] == 170) count++;
        return count;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
