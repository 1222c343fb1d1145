using System.Runtime.InteropServices;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>The OpenJPEG 2.5 decompression API (openjpeg.h) this assembly uses; OPJ_BOOL results are 0 for failure.</summary>
internal static unsafe partial class OpenJpeg
{
    /// <summary>Offset of <c>m_default_tile_info.mct</c> in <c>opj_codestream_info_v2_t</c> (7 × uint32, padding, then tileno, csty, prg, numlayers).</summary>
    public const int CodestreamInfoMctOffset = 48;

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_create_decompress")]
    public static partial OpenJpegCodecHandle CreateDecompress(OpjCodecFormat format);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_destroy_codec")]
    public static partial void DestroyCodec(IntPtr codec);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_set_default_decoder_parameters")]
    public static partial void SetDefaultDecoderParameters(OpjDecoderParameters* parameters);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_setup_decoder")]
    public static partial int SetupDecoder(OpenJpegCodecHandle codec, OpjDecoderParameters* parameters);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_decoder_set_strict_mode")]
    public static partial int SetStrictMode(OpenJpegCodecHandle codec, int strict);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_set_error_handler")]
    public static partial int SetErrorHandler(OpenJpegCodecHandle codec, delegate* unmanaged<byte*, void*, void> handler, void* clientData);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_set_warning_handler")]
    public static partial int SetWarningHandler(OpenJpegCodecHandle codec, delegate* unmanaged<byte*, void*, void> handler, void* clientData);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_set_info_handler")]
    public static partial int SetInfoHandler(OpenJpegCodecHandle codec, delegate* unmanaged<byte*, void*, void> handler, void* clientData);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_read_header")]
    public static partial int ReadHeader(OpenJpegStreamHandle stream, OpenJpegCodecHandle codec, OpjImage** image);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_decode")]
    public static partial int Decode(OpenJpegCodecHandle codec, OpenJpegStreamHandle stream, OpjImage* image);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_end_decompress")]
    public static partial int EndDecompress(OpenJpegCodecHandle codec, OpenJpegStreamHandle stream);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_image_destroy")]
    public static partial void DestroyImage(IntPtr image);

    /// <summary>Returns an <c>opj_codestream_info_v2_t*</c> the caller frees with <see cref="DestroyCodestreamInfo"/>.</summary>
    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_get_cstr_info")]
    public static partial IntPtr GetCodestreamInfo(OpenJpegCodecHandle codec);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_destroy_cstr_info")]
    public static partial void DestroyCodestreamInfo(IntPtr* info);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_stream_create")]
    public static partial OpenJpegStreamHandle CreateStream(nuint bufferSize, int isInput);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_stream_destroy")]
    public static partial void DestroyStream(IntPtr stream);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_stream_set_read_function")]
    public static partial void SetReadFunction(OpenJpegStreamHandle stream, delegate* unmanaged<void*, nuint, void*, nuint> read);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_stream_set_skip_function")]
    public static partial void SetSkipFunction(OpenJpegStreamHandle stream, delegate* unmanaged<long, void*, long> skip);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_stream_set_seek_function")]
    public static partial void SetSeekFunction(OpenJpegStreamHandle stream, delegate* unmanaged<long, void*, int> seek);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_stream_set_user_data")]
    public static partial void SetUserData(OpenJpegStreamHandle stream, void* data, delegate* unmanaged<void*, void> free);

    [LibraryImport(NativeLibraries.OpenJpegImport, EntryPoint = "opj_stream_set_user_data_length")]
    public static partial void SetUserDataLength(OpenJpegStreamHandle stream, ulong length);
}
