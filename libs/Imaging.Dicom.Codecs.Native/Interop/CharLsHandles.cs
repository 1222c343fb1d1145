using Microsoft.Win32.SafeHandles;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>A <c>charls_jpegls_decoder*</c>, destroyed when released.</summary>
internal sealed class CharLsDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CharLsDecoderHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        CharLs.DestroyDecoder(handle);
        return true;
    }
}

/// <summary>A <c>charls_jpegls_encoder*</c>, destroyed when released.</summary>
internal sealed class CharLsEncoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CharLsEncoderHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        CharLs.DestroyEncoder(handle);
        return true;
    }
}
