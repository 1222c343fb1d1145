namespace Imaging.Dicom.Data;

/// <summary>The bytes of one value, little-endian regardless of the transfer syntax they were read from.</summary>
/// <remarks>Values are normalised to little endian on read so that typed accessors and every writer have one
/// byte order to deal with; the writer swaps again for Explicit VR Big Endian.</remarks>
public abstract class DicomBuffer
{
    public abstract long Length { get; }

    /// <summary>False when the value still lies on disk (read lazily because it was over the size threshold).</summary>
    public abstract bool IsLoaded { get; }

    /// <summary>The whole value in memory; loads a deferred value (it is not cached, callers keep what they need).</summary>
    public abstract ReadOnlyMemory<byte> GetMemory();

    /// <summary>Streams the value to <paramref name="destination"/> without loading it whole.</summary>
    public abstract ValueTask CopyToAsync(Stream destination, CancellationToken cancellationToken = default);

    /// <summary>Synchronous variant of <see cref="CopyToAsync"/> for writers that are themselves synchronous.</summary>
    public abstract void CopyTo(Stream destination);

    public static readonly DicomBuffer Empty = new MemoryBuffer(ReadOnlyMemory<byte>.Empty);

    public static DicomBuffer FromBytes(ReadOnlyMemory<byte> bytes) => bytes.IsEmpty ? Empty : new MemoryBuffer(bytes);
}

/// <summary>A value held in memory.</summary>
public sealed class MemoryBuffer(ReadOnlyMemory<byte> bytes) : DicomBuffer
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
    public override long Length => Bytes.Length;
    public override bool IsLoaded => true;
    public override ReadOnlyMemory<byte> GetMemory() => Bytes;

    public override ValueTask CopyToAsync(Stream destination, CancellationToken cancellationToken = default) =>
        destination.WriteAsync(Bytes, cancellationToken);

    public override void CopyTo(Stream destination) => destination.Write(Bytes.Span);
}
