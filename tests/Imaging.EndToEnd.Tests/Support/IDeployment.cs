namespace Imaging.EndToEnd.Tests.Support;

/// <summary>The service as a test sees it from outside, whether one embedded process or distributed roles: where to send
/// DICOM, the API, the data folder, and every process's log for failure messages.</summary>
public interface IDeployment
{
    /// <summary>The gateway's DICOM port.</summary>
    int DicomPort { get; }

    ImagingApiClient Api { get; }

    /// <summary>The data folder (shared by every process of a distributed deployment).</summary>
    string DataDirectory { get; }

    /// <summary>Every process started so far (restarted ones too), with its recent log lines.</summary>
    string Describe();
}
