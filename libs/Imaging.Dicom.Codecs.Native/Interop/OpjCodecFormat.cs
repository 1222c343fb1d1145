namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>OpenJPEG <c>OPJ_CODEC_FORMAT</c>: a raw codestream or the JP2 file format around one.</summary>
internal enum OpjCodecFormat
{
    J2k = 0,
    Jp2 = 2,
}
