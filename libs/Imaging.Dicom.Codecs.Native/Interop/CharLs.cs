using System.Runtime.InteropServices;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>The CharLS 2.x C API (charls_jpegls_decoder.h, charls_jpegls_encoder.h, jpegls_error.h) this assembly uses.</summary>
/// <remarks>Every function returns a <c>charls_jpegls_errc</c> (0 = success) unless noted.</remarks>
internal static unsafe partial class CharLs
{
    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_decoder_create")]
    public static partial CharLsDecoderHandle CreateDecoder();

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_decoder_destroy")]
    public static partial void DestroyDecoder(IntPtr decoder);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_decoder_set_source_buffer")]
    public static partial int SetSourceBuffer(CharLsDecoderHandle decoder, byte* source, nuint sourceSize);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_decoder_read_header")]
    public static partial int ReadHeader(CharLsDecoderHandle decoder);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_decoder_get_frame_info")]
    public static partial int GetFrameInfo(CharLsDecoderHandle decoder, out CharLsFrameInfo frameInfo);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_decoder_get_near_lossless")]
    public static partial int GetNearLossless(CharLsDecoderHandle decoder, int component, out int nearLossless);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_decoder_get_interleave_mode")]
    public static partial int GetInterleaveMode(CharLsDecoderHandle decoder, out CharLsInterleaveMode interleaveMode);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_decoder_get_destination_size")]
    public static partial int GetDestinationSize(CharLsDecoderHandle decoder, uint stride, out nuint destinationSize);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_decoder_decode_to_buffer")]
    public static partial int DecodeToBuffer(CharLsDecoderHandle decoder, byte* destination, nuint destinationSize, uint stride);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_encoder_create")]
    public static partial CharLsEncoderHandle CreateEncoder();

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_encoder_destroy")]
    public static partial void DestroyEncoder(IntPtr encoder);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_encoder_set_frame_info")]
    public static partial int SetFrameInfo(CharLsEncoderHandle encoder, in CharLsFrameInfo frameInfo);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_encoder_set_near_lossless")]
    public static partial int SetNearLossless(CharLsEncoderHandle encoder, int nearLossless);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_encoder_set_interleave_mode")]
    public static partial int SetInterleaveMode(CharLsEncoderHandle encoder, CharLsInterleaveMode interleaveMode);

    /// <summary><c>charls_encoding_options</c> flags: 1 pads the stream to an even length (DICOM fragments must be even).</summary>
    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_encoder_set_encoding_options")]
    public static partial int SetEncodingOptions(CharLsEncoderHandle encoder, int options);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_encoder_get_estimated_destination_size")]
    public static partial int GetEstimatedDestinationSize(CharLsEncoderHandle encoder, out nuint size);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_encoder_set_destination_buffer")]
    public static partial int SetDestinationBuffer(CharLsEncoderHandle encoder, byte* destination, nuint destinationSize);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_encoder_encode_from_buffer")]
    public static partial int EncodeFromBuffer(CharLsEncoderHandle encoder, byte* source, nuint sourceSize, uint stride);

    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_jpegls_encoder_get_bytes_written")]
    public static partial int GetBytesWritten(CharLsEncoderHandle encoder, out nuint bytesWritten);

    /// <summary>A static English message for an error code (never freed).</summary>
    [LibraryImport(NativeLibraries.CharLsImport, EntryPoint = "charls_get_error_message")]
    public static partial byte* GetErrorMessage(int error);

    /// <summary>"CharLS error N: message" for a failed call.</summary>
    public static string Describe(int error)
    {
        var text = Marshal.PtrToStringUTF8((IntPtr)GetErrorMessage(error));
        return string.IsNullOrEmpty(text) ? $"CharLS error {error}" : $"CharLS error {error}: {text}";
    }
}
