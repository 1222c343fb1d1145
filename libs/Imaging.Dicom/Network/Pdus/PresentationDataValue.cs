using System.Buffers;

namespace Imaging.Dicom.Network;

/// <summary>One PDV item of a P-DATA-TF PDU (PS3.8 9.3.5.1, Annex E): a fragment of a command set or data set.</summary>
/// <remarks><see cref="Data"/> is a slice of the buffer the PDU was read from, not a copy: it is valid only until the
/// pipe reader is advanced past the PDU. Consume it (or <see cref="ToArray"/> it) before calling AdvanceTo.</remarks>
public readonly struct PresentationDataValue(byte presentationContextId, bool isCommand, bool isLastFragment, ReadOnlySequence<byte> data)
{
    private const byte CommandBit = 0x01;
    private const byte LastFragmentBit = 0x02;

    public byte PresentationContextId { get; } = presentationContextId;

    /// <summary>Bit 0 of the message control header: a command set fragment rather than a data set fragment.</summary>
    public bool IsCommand { get; } = isCommand;

    /// <summary>Bit 1 of the message control header: the last fragment of its command set or data set.</summary>
    public bool IsLastFragment { get; } = isLastFragment;

    /// <summary>The fragment bytes; see the remarks for how long they stay valid.</summary>
    public ReadOnlySequence<byte> Data { get; } = data;

    /// <summary>The message control header byte as sent on the wire.</summary>
    public byte MessageControlHeader => ToMessageControlHeader(IsCommand, IsLastFragment);

    internal static byte ToMessageControlHeader(bool isCommand, bool isLastFragment) =>
        (byte)((isCommand ? CommandBit : 0) | (isLastFragment ? LastFragmentBit : 0));

    internal static (bool IsCommand, bool IsLastFragment) FromMessageControlHeader(byte header) =>
        ((header & CommandBit) != 0, (header & LastFragmentBit) != 0);

    /// <summary>Copies the fragment out, so it outlives the receive buffer.</summary>
    public byte[] ToArray() => Data.ToArray();

    /// <summary>Copies the fragment into <paramref name="destination"/>, which must be at least <c>Data.Length</c> long.</summary>
    public void CopyTo(Span<byte> destination) => Data.CopyTo(destination);

    /// <summary>A PDV that owns a private copy of its data, for keeping beyond the receive buffer's lifetime.</summary>
    public PresentationDataValue Detach() => new(PresentationContextId, IsCommand, IsLastFragment, new ReadOnlySequence<byte>(ToArray()));

    public override string ToString() =>
        $"PDV {{ PresentationContextId = {PresentationContextId}, {(IsCommand ? "Command" : "DataSet")}, Last = {IsLastFragment}, {Data.Length} bytes }}";
}
