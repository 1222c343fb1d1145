using Imaging.Dicom.Data;

namespace Imaging.Dicom.Json;

/// <summary>A value that DICOM JSON gave only as a "BulkDataURI" (PS3.18 F.2.6): it knows where the bytes are, not the bytes.</summary>
/// <remarks>
/// The value is fetched on first use through the resolver given to <see cref="DicomJsonReader"/>
/// (<see cref="DicomJsonReaderOptions.BulkDataResolver"/>) and kept, because a fetch is a network round trip that no
/// caller wants repeated. Without a resolver, anything that needs the bytes (<see cref="GetMemory"/>, <see cref="Length"/>,
/// <see cref="CopyTo"/>) throws <see cref="InvalidOperationException"/> naming the URI, until <see cref="SetValue"/> or
/// <see cref="Resolve(Func{BulkDataUriBuffer, ReadOnlyMemory{byte}})"/> supplies them. <see cref="DicomJsonWriter"/> writes an
/// unresolved value back as the same "BulkDataURI".
/// </remarks>
public sealed class BulkDataUriBuffer : DicomBuffer
{
    private readonly Func<BulkDataUriBuffer, ReadOnlyMemory<byte>>? _resolver;
    private readonly object _gate = new();
    private ReadOnlyMemory<byte>? _value;

    public BulkDataUriBuffer(string uri, DicomTagPath path, DicomVR vr, Func<BulkDataUriBuffer, ReadOnlyMemory<byte>>? resolver = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        ArgumentNullException.ThrowIfNull(path);
        Uri = uri;
        Path = path;
        VR = vr;
        _resolver = resolver;
    }

    /// <summary>The URI as the JSON gave it; relative URIs are left for the resolver to interpret.</summary>
    public string Uri { get; }

    /// <summary>Where the value lies in the dataset it was read into.</summary>
    public DicomTagPath Path { get; }

    /// <summary>VR of the element, which tells the resolver how to interpret the bulk data it fetches.</summary>
    public DicomVR VR { get; }

    public bool IsResolved
    {
        get { lock (_gate) return _value is not null; }
    }

    public override bool IsLoaded => IsResolved;

    public override long Length => Value.Length;

    public override ReadOnlyMemory<byte> GetMemory() => Value;

    public override ValueTask CopyToAsync(Stream destination, CancellationToken cancellationToken = default) =>
        destination.WriteAsync(Value, cancellationToken);

    public override void CopyTo(Stream destination) => destination.Write(Value.Span);

    /// <summary>Supplies the value fetched from <see cref="Uri"/>: little-endian bytes, as for any <see cref="DicomBuffer"/>.</summary>
    public void SetValue(ReadOnlyMemory<byte> value)
    {
        lock (_gate) _value = value;
    }

    /// <summary>Fetches the value with the resolver given when reading, unless it is already there.</summary>
    public void Resolve()
    {
        if (_resolver is null)
            throw new InvalidOperationException(
                $"The value of {Path.Tag} is bulk data at '{Uri}' and no resolver was given: set {nameof(DicomJsonReaderOptions)}.{nameof(DicomJsonReaderOptions.BulkDataResolver)} or call {nameof(SetValue)}.");
        Resolve(_resolver);
    }

    /// <summary>Fetches the value with <paramref name="resolver"/>, unless it is already there.</summary>
    public void Resolve(Func<BulkDataUriBuffer, ReadOnlyMemory<byte>> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        lock (_gate)
        {
            if (_value is not null) return;
            _value = resolver(this);
        }
    }

    private ReadOnlyMemory<byte> Value
    {
        get
        {
            lock (_gate)
            {
                if (_value is { } loaded) return loaded;
            }
            Resolve();
            lock (_gate) return _value!.Value;
        }
    }

    public override string ToString() => $"BulkDataURI {Uri}";
}
