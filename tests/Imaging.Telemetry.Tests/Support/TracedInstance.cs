using System.Globalization;
using System.Numerics;
using Imaging.Analysis.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Telemetry.Tests.Support;

/// <summary>One CT slice from the NEMA WG04 corpus with fresh UIDs and a patient name and ID unique to the test, so a span
/// attribute that leaked either would be found.</summary>
public sealed record TracedInstance(string File, string StudyInstanceUid, string SeriesInstanceUid, string SopInstanceUid, string PatientName,
    string PatientId)
{
    public static TracedInstance Write(string folder)
    {
        var marker = Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var instance = new TracedInstance(System.IO.Path.Combine(folder, $"ct-{Guid.NewGuid():N}.dcm"), NewUid(), NewUid(), NewUid(),
            $"TRACE^PATIENT{marker}", $"PID{marker}");
        DerivedFiles.Slice("ct_mr/CT_WG04_CT1_ELE.dcm", instance.File, 1, -75.7, ds =>
        {
            ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, instance.SopInstanceUid);
            ds.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, instance.StudyInstanceUid);
            ds.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, instance.SeriesInstanceUid);
            ds.SetString(DicomTags.PatientName, DicomVR.PN, instance.PatientName);
            ds.SetString(DicomTags.PatientID, DicomVR.LO, instance.PatientId);
            ds.SetString(DicomTags.BodyPartExamined, DicomVR.CS, "TSPINE");
        });
        return instance;
    }

    /// <summary>Sends the file with DCMTK's storescu (one association); throws unless the answer was Success.</summary>
    public async Task SendAsync(int port)
    {
        var result = await ExternalTool.RunAsync("storescu",
            ["-v", "-aet", "MODALITY", "-aec", InProcessServe.AeTitle, "-to", "30", "-ta", "30", "-td", "60",
             "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), File],
            TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["TCP_NODELAY"] = "1" });
        var output = result.StandardOutput + result.StandardError;
        if (result.ExitCode != 0 || !output.Contains("Received Store Response (Success)", StringComparison.Ordinal))
            throw new InvalidOperationException($"storescu did not store the instance ({result.ExitCode}):\n{output}");
    }

    private static string NewUid() =>
        "2.25." + new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
}
