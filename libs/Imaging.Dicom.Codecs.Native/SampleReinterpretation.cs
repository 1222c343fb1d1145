using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Native;

/// <summary>Maps a decoded JPEG 2000 sample to the dataset's signedness when the codestream's differs from Pixel Representation.</summary>
/// <remarks>Some encoders store signed CT as an unsigned codestream of the same bit pattern (or the reverse); the
/// dataset is what readers trust, so the value is re-read as a <c>precision</c>-bit pattern and sign-extended from
/// Bits Stored when the dataset says signed.</remarks>
internal readonly struct SampleReinterpretation
{
    private readonly int _mask;
    private readonly int _shift;

    private SampleReinterpretation(int mask, int shift)
    {
        _mask = mask;
        _shift = shift;
        IsIdentity = false;
    }

    /// <summary>True when values are written as decoded.</summary>
    public bool IsIdentity { get; private init; }

    public static SampleReinterpretation For(int precision, bool codestreamSigned, PixelDataDescription description)
    {
        if (codestreamSigned == description.IsSigned) return new SampleReinterpretation { IsIdentity = true };
        var mask = precision >= 31 ? int.MaxValue : (1 << precision) - 1;
        var shift = description.IsSigned ? 32 - Math.Min(precision, description.BitsStored) : 0;
        return new SampleReinterpretation(mask, shift);
    }

    public int Apply(int value) => IsIdentity ? value : ((value & _mask) << _shift) >> _shift;
}
