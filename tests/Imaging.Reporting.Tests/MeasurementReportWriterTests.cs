using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Reporting;

namespace Imaging.Reporting.Tests;

public sealed class MeasurementReportWriterTests
{
    [Fact]
    public async Task Writes_a_report_dsrdump_reads_without_errors_or_warnings()
    {
        using var temp = new TempFolder();
        var path = temp.File("report.dcm");
        await MeasurementReportWriter.WriteAsync(path, SampleReport.Create(), FakeBoneScan.Create());

        var result = await ExternalTool.RunAsync("dsrdump", ["+Pc", "+Pu", "+Pl", path]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
        var dump = result.StandardOutput;
        Assert.DoesNotContain("invalid", dump, StringComparison.OrdinalIgnoreCase);
        foreach (var expected in new[]
        {
            "Comprehensive SR Document", "Completion Flag     : COMPLETE", "Verification Flag   : UNVERIFIED",
            "<CONTAINER:(126000,DCM,\"Imaging Measurement Report\")=SEPARATE>",
            "<has concept mod CODE:(121049,DCM,\"Language of Content Item and Descendants\")=(en-US,RFC5646,\"English (United States)\")>",
            "<has obs context CODE:(121005,DCM,\"Observer Type\")=(121007,DCM,\"Device\")>",
            "<has obs context TEXT:(121013,DCM,\"Device Observer Name\")=\"bone-scan\">",
            "<has concept mod CODE:(121058,DCM,\"Procedure reported\")=(NM-WB-BONE,99IMGPIPE,\"Whole body bone scintigraphy\")>",
            "<contains CONTAINER:(111028,DCM,\"Image Library\")=SEPARATE>",
            "<contains CONTAINER:(126010,DCM,\"Imaging Measurements\")=SEPARATE>",
            "<has obs context TEXT:(112039,DCM,\"Tracking Identifier\")=\"Lesion 1\">",
            $"<has obs context UIDREF:(112040,DCM,\"Tracking Unique Identifier\")=\"{SampleReport.Lesion1Uid}\">",
            $"<has obs context UIDREF:(112040,DCM,\"Tracking Unique Identifier\")=\"{SampleReport.Lesion2Uid}\">",
            "<has concept mod CODE:(121071,DCM,\"Finding\")=(52988006,SCT,\"Lesion\")>",
            "<has concept mod CODE:(363698007,SCT,\"Finding Site\")=(122495006,SCT,\"Thoracic spine\")>",
            "<has concept mod CODE:(272741003,SCT,\"Laterality\")=(7771000,SCT,\"Left\")>",
            "<contains SCOORD:(111030,DCM,\"Image Region\")=(CIRCLE,30.5/40.5,33.5/40.5)>",
            "<contains SCOORD:(111030,DCM,\"Image Region\")=(POLYLINE,17.5/97.5,23.5/97.5,23.5/103.5,17.5/103.5,17.5/97.5)>",
            $"<selected from IMAGE:=(NM image,\"{FakeBoneScan.SopUid}\",1)>",
            "<contains NUM:(PEAK-RATIO,99IMGPIPE,\"Peak uptake ratio to normal bone\")=\"3.25\" ({ratio},UCUM,\"ratio\")>",
            "<contains NUM:(42798000,SCT,\"Area\")=\"452.4\" (mm2,UCUM,\"square millimeter\")>",
            "<contains NUM:(LESION-COUNT,99IMGPIPE,\"Number of lesions\")=\"2\" ({lesions},UCUM,\"lesions\")>",
            "<has concept mod CODE:(363698007,SCT,\"Finding Site\")=(12921003,SCT,\"Pelvis\")>",
            "<contains CONTAINER:(C0034375,UMLS,\"Qualitative Evaluations\")=SEPARATE>",
        })
        {
            Assert.True(dump.Contains(expected, StringComparison.Ordinal), $"dsrdump output lacks {expected}:\n{dump}");
        }
    }

    [Fact]
    public async Task A_scan_without_lesions_still_gives_a_valid_report_with_zero_counts()
    {
        using var temp = new TempFolder();
        var path = temp.File("negative.dcm");
        var content = SampleReport.Create() with
        {
            Lesions = [],
            Summary = [new Measurement(ReportCodes.NumberOfLesions, 0, ReportCodes.Units.Lesions)],
            QualitativeEvaluations = [],
        };
        await MeasurementReportWriter.WriteAsync(path, content, FakeBoneScan.Create());

        var result = await ExternalTool.RunAsync("dsrdump", "+Pc", path);

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.StandardError.Length == 0, result.StandardError);
        Assert.Contains("<contains NUM:(LESION-COUNT,99IMGPIPE,\"Number of lesions\")=\"0\" ({lesions},UCUM,\"lesions\")>", result.StandardOutput);
        Assert.DoesNotContain("SCOORD", result.StandardOutput);
    }

    [Fact]
    public void Report_is_a_new_sr_series_in_the_source_study_with_patient_copied_and_evidence_listed()
    {
        var source = FakeBoneScan.Create();
        var report = MeasurementReportWriter.Build(SampleReport.Create(), source);

        Assert.Equal(DicomUids.ComprehensiveSRStorage.Uid, report.GetSingleString(DicomTag.SopClassUid));
        Assert.Equal("SR", report.GetSingleString(DicomTags.Modality));
        Assert.Equal(FakeBoneScan.StudyUid, report.GetSingleString(DicomTags.StudyInstanceUID));
        Assert.NotEqual(FakeBoneScan.SeriesUid, report.GetSingleString(DicomTags.SeriesInstanceUID));
        Assert.Equal("Müller^Hans", report.GetSingleString(DicomTags.PatientName));
        Assert.Equal("PID-6", report.GetSingleString(DicomTags.PatientID));
        Assert.Equal("ACC6", report.GetSingleString(DicomTags.AccessionNumber));
        var template = Assert.Single(report.GetSequence(DicomTags.ContentTemplateSequence)!.Items);
        Assert.Equal("DCMR", template.GetSingleString(DicomTags.MappingResource));
        Assert.Equal("1500", template.GetSingleString(DicomTags.TemplateIdentifier));
        var study = Assert.Single(report.GetSequence(DicomTags.CurrentRequestedProcedureEvidenceSequence)!.Items);
        var series = Assert.Single(study.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items);
        Assert.Equal(FakeBoneScan.SeriesUid, series.GetSingleString(DicomTags.SeriesInstanceUID));
        var sop = Assert.Single(series.GetSequence(DicomTags.ReferencedSOPSequence)!.Items);
        Assert.Equal(FakeBoneScan.SopUid, sop.GetSingleString(DicomTags.ReferencedSOPInstanceUID));
    }

    [Fact]
    public void Tracking_uids_come_from_the_caller_and_stay_the_same_across_reports()
    {
        var first = MeasurementReportWriter.Build(SampleReport.Create(), FakeBoneScan.Create());
        var second = MeasurementReportWriter.Build(SampleReport.Create(), FakeBoneScan.Create());

        Assert.NotEqual(first.GetSingleString(DicomTag.SopInstanceUid), second.GetSingleString(DicomTag.SopInstanceUid));
        Assert.Equal([SampleReport.Lesion1Uid, SampleReport.Lesion2Uid, SampleReport.SummaryUid], TrackingUids(first));
        Assert.Equal(TrackingUids(first), TrackingUids(second));
    }

    [Fact]
    public void Round_trips_through_our_reader()
    {
        var report = MeasurementReportWriter.Build(SampleReport.Create(), FakeBoneScan.Create());
        using var stream = new MemoryStream();
        DicomFileWriter.Write(stream, MeasurementReportWriter.ToFile(report));
        stream.Position = 0;
        var read = DicomFileReader.Read(stream);

        Assert.False(read.IsPartial);
        Assert.Equal(TrackingUids(report), TrackingUids(read.Dataset));
    }

    [Fact]
    public void Rejects_a_lesion_on_an_image_that_is_not_a_source_image()
    {
        var other = FakeBoneScan.Image with { SopInstanceUid = "1.2.3.4" };
        var content = SampleReport.Create() with
        {
            Lesions = [new LesionMeasurementGroup("Lesion 9", "1.2.3.5", ReportCodes.Lesion, null, null, PlanarRegion.Point(other, 1, 1, 1), [])],
        };
        Assert.Throws<ArgumentException>(() => MeasurementReportWriter.Build(content, FakeBoneScan.Create()));
    }

    [Fact]
    public void Rejects_a_tracking_uid_used_twice_and_an_invalid_uid()
    {
        var content = SampleReport.Create();
        var twice = content with { Lesions = [content.Lesions[0], content.Lesions[1] with { TrackingUid = SampleReport.Lesion1Uid }] };
        Assert.Throws<ArgumentException>(() => MeasurementReportWriter.Build(twice, FakeBoneScan.Create()));
        var invalid = content with { Lesions = [content.Lesions[0] with { TrackingUid = "1.02.x" }] };
        Assert.Throws<ArgumentException>(() => MeasurementReportWriter.Build(invalid, FakeBoneScan.Create()));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(10, 129)]
    [InlineData(double.NaN, 10)]
    public void Rejects_region_points_outside_the_image(double column, double row)
    {
        Assert.ThrowsAny<ArgumentException>(() => PlanarRegion.Point(FakeBoneScan.Image, 1, column, row));
    }

    [Fact]
    public void Rejects_a_frame_the_image_does_not_have_and_a_degenerate_polygon()
    {
        Assert.ThrowsAny<ArgumentException>(() => PlanarRegion.Point(FakeBoneScan.Image, 3, 1, 1));
        Assert.ThrowsAny<ArgumentException>(() => PlanarRegion.Polygon(FakeBoneScan.Image, 1, [(1, 1), (2, 2), (1, 1)]));
        Assert.ThrowsAny<ArgumentException>(() => new Measurement(ReportCodes.Area, double.PositiveInfinity, ReportCodes.Units.SquareMillimeter));
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
}
