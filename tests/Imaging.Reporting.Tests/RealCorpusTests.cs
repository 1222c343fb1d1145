using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Reporting;

namespace Imaging.Reporting.Tests;

/// <summary>The writers on a real NM file of the corpus, whose header lacks Patient ID, birth date, sex, study date and
/// study ID: the Type 2 attributes must still be written (empty) for the output to stay valid.</summary>
public sealed class RealCorpusTests
{
    private static readonly string NmFile = TestPaths.Corpus("nm/NM-MONO2-16-13x-heart.dcm");

    [Fact]
    public async Task Report_and_key_image_from_a_real_nm_file_are_read_cleanly_by_dcmtk()
    {
        var source = DicomFileReader.Read(NmFile);
        var ds = source.Dataset;
        var image = new SourceImage(ds.GetSingleString(DicomTag.SopClassUid)!, ds.GetSingleString(DicomTag.SopInstanceUid)!,
            ds.GetSingleString(DicomTags.SeriesInstanceUID)!, 64, 64, 13);
        var content = new MeasurementReportContent
        {
            Observer = SampleReport.Observer,
            Procedure = ReportCodes.WholeBodyBoneScintigraphy,
            SourceImages = [image],
            Lesions =
            [
                new LesionMeasurementGroup("Lesion 1", DicomUidFactory.Create(), ReportCodes.Lesion, null, null,
                    PlanarRegion.Point(image, 7, 32.5, 30.5), [new Measurement(ReportCodes.PeakRatioToNormalBone, 1.8, ReportCodes.Units.Ratio)]),
            ],
            Summary = [new Measurement(ReportCodes.NumberOfLesions, 1, ReportCodes.Units.Lesions)],
        };
        using var temp = new TempFolder();
        var sr = temp.File("sr.dcm");
        await MeasurementReportWriter.WriteAsync(sr, content, ds);
        var dump = await ExternalTool.RunAsync("dsrdump", "+Pc", sr);
        Assert.Equal(0, dump.ExitCode);
        Assert.True(dump.StandardError.Length == 0, dump.StandardError);
        Assert.Contains($"=(POINT,32.5/30.5)>", dump.StandardOutput);

        var key = temp.File("key.dcm");
        await KeyImageWriter.WriteAsync(key, new KeyImageContent { Views = [new KeyImageView(7, [new KeyImageMark(32, 30, 5)])] }, source);
        var pnm = await ExternalTool.RunAsync("dcm2pnm", "+op", key, temp.File("key.ppm"));
        Assert.Equal(0, pnm.ExitCode);
        Assert.True(pnm.StandardError.Length == 0, pnm.StandardError);
        var keyDump = await ExternalTool.RunAsync("dcmdump", "-q", key);
        Assert.Equal(0, keyDump.ExitCode);
        Assert.Contains("(0010,0020) LO (no value available)", keyDump.StandardOutput);
    }
}
