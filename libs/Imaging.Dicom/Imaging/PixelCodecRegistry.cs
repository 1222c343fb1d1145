using System.Collections.Concurrent;
using Imaging.Dicom.Imaging.Codecs;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Imaging;

/// <summary>The decoders and encoders known to this process, by transfer syntax UID.</summary>
/// <remarks>Codecs outside this assembly (JPEG, JPEG-LS, JPEG 2000) add themselves to <see cref="Default"/> when
/// their package's registration method is called at start-up; lookups are thread-safe.</remarks>
public sealed class PixelCodecRegistry
{
    private readonly ConcurrentDictionary<string, IPixelDecoder> _decoders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IPixelEncoder> _encoders = new(StringComparer.Ordinal);

    /// <summary>The process-wide registry; it starts with the codecs of this assembly (RLE Lossless, Encapsulated Uncompressed).</summary>
    public static PixelCodecRegistry Default { get; } = WithBuiltIns(new PixelCodecRegistry());

    /// <summary>Adds the codecs implemented in this assembly to <paramref name="registry"/> and returns it.</summary>
    public static PixelCodecRegistry WithBuiltIns(PixelCodecRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(new RleDecoder());
        registry.Register(new RleEncoder());
        var uncompressed = new EncapsulatedUncompressedCodec();
        registry.Register((IPixelDecoder)uncompressed);
        registry.Register((IPixelEncoder)uncompressed);
        return registry;
    }

    public void Register(IPixelDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        foreach (var syntax in decoder.TransferSyntaxes) _decoders[syntax.Uid] = decoder;
    }

    public void Register(IPixelEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        _encoders[encoder.TransferSyntax.Uid] = encoder;
    }

    public bool TryGetDecoder(DicomTransferSyntax syntax, out IPixelDecoder decoder) =>
        _decoders.TryGetValue(syntax.Uid, out decoder!);

    public bool TryGetEncoder(DicomTransferSyntax syntax, out IPixelEncoder encoder) =>
        _encoders.TryGetValue(syntax.Uid, out encoder!);

    public IPixelDecoder GetDecoder(DicomTransferSyntax syntax) =>
        TryGetDecoder(syntax, out var decoder) ? decoder : throw new PixelDataException($"No decoder for {syntax} is registered");

    public IPixelEncoder GetEncoder(DicomTransferSyntax syntax) =>
        TryGetEncoder(syntax, out var encoder) ? encoder : throw new PixelDataException($"No encoder for {syntax} is registered");

    public IReadOnlyCollection<string> DecodableTransferSyntaxUids => _decoders.Keys.ToArray();

    public IReadOnlyCollection<string> EncodableTransferSyntaxUids => _encoders.Keys.ToArray();
}
