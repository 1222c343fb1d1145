namespace Imaging.Dicom.Codecs.Native;

/// <summary>Which of the system codec libraries this process found, with their versions.</summary>
public sealed record NativeCodecAvailability(NativeLibraryStatus CharLs, NativeLibraryStatus OpenJpeg)
{
    public bool IsJpegLsAvailable => CharLs.IsAvailable;

    public bool IsJpeg2000Available => OpenJpeg.IsAvailable;

    public override string ToString() => $"{CharLs}; {OpenJpeg}";
}
