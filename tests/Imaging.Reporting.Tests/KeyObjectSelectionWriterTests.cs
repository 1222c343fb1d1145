using Imaging.Dicom.Tests.Support;
using Imaging.Reporting;

namespace Imaging.Reporting.Tests;

public sealed class KeyObjectSelectionWriterTests
{
    [Fact]
    public async Task Dsrdump_reads_a_key_object_selection_of_the_key_image_and_the_report()
    {
        var file = FakeBoneScan.CreateFile();
        var key = KeyImageWriter.Build(new KeyImageContent { Views = [new KeyImageView(1, [new KeyImageMark(30, 40, 4)])] }, file.Dataset, file.TransferSyntax);
        var report = MeasurementReportWriter.Build(SampleReport.Create(), file.Dataset);
        using var temp = new TempFolder();
        var path = temp.File("ko.dcm");
        await KeyObjectSelectionWriter.WriteAsync(path, [InstanceReference.Of(key), InstanceReference.Of(report)], file.Dataset,
            "Bone scan lesions marked by automated analysis", SampleReport.Observer);

        var result = await ExternalTool.RunAsync("dsrdump", "+Pc", "+Pl", "+Pu", path);

        Assert.Equal(0, result.ExitCode);
        // DCMTK 3.6.7 says so of every document naming TID 2010, the root template the KOS IOD mandates: a limit of
        // DCMTK, not a finding about the file. Anything else on stderr is.
        var stderr = result.StandardError.Replace("W: Check for template constraints not yet supported", "", StringComparison.Ordinal);
        Assert.True(stderr.Trim().Length == 0, result.StandardError);
        var dump = result.StandardOutput;
        Assert.StartsWith("Key Object Selection Document", dump);
        Assert.Contains("<CONTAINER:(113000,DCM,\"Of Interest\")=SEPARATE>", dump);
        Assert.Contains("<contains TEXT:(113012,DCM,\"Key Object Description\")=\"Bone scan lesions marked by automated analysis\">", dump);
        Assert.Contains($"<contains IMAGE:=(SC image,\"{InstanceReference.Of(key).SopInstanceUid}\")>", dump);
        Assert.Contains($"\"{InstanceReference.Of(report).SopInstanceUid}\"", dump);
    }
}
