namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>CharLS <c>charls_interleave_mode</c>: how components are arranged in the scan(s) and in the decoded buffer.</summary>
internal enum CharLsInterleaveMode
{
    /// <summary>One scan per component; decoded buffer is by plane.</summary>
    None = 0,

    /// <summary>Components interleaved by line in the scan; decoded buffer is by pixel.</summary>
    Line = 1,

    /// <summary>Components interleaved by sample; decoded buffer is by pixel.</summary>
    Sample = 2,
}
