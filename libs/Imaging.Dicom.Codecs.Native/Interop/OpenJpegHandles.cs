using Microsoft.Win32.SafeHandles;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>An <c>opj_codec_t*</c>, destroyed when released.</summary>
internal sealed class OpenJpegCodecHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpenJpegCodecHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpenJpeg.DestroyCodec(handle);
        return true;
    }
}

/// <summary>An <c>opj_stream_t*</c>, destroyed when released.</summary>
internal sealed class OpenJpegStreamHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpenJpegStreamHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpenJpeg.DestroyStream(handle);
        return true;
    }
}

/// <summary>An <c>opj_image_t*</c> created by opj_read_header, destroyed when released.</summary>
internal sealed unsafe class OpenJpegImageHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpenJpegImageHandle(OpjImage* image) : base(ownsHandle: true) => SetHandle((IntPtr)image);

    public OpjImage* Image => (OpjImage*)handle;

    protected override bool ReleaseHandle()
    {
        OpenJpeg.DestroyImage(handle);
        return true;
    }
}
