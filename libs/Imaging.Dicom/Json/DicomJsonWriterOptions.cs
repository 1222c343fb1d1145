using System.Text.Encodings.Web;

namespace Imaging.Dicom.Json;

/// <summary>What <see cref="DicomJsonWriter"/> does with encapsulated (compressed) pixel data.</summary>
public enum DicomJsonEncapsulatedPixelData
{
    /// <summary>Leave the attribute out. PS3.18 defines no inline form for a fragment sequence, and DCMTK's dcm2json
    /// refuses such files, so there is nothing interoperable to write without a bulk data service.</summary>
    Skip,

    /// <summary>Write a "BulkDataURI" made by <see cref="DicomJsonWriterOptions.BulkDataUriFactory"/>; the URI is expected
    /// to serve the frames the way a DICOMweb bulk data resource does.</summary>
    BulkDataUri,
}

/// <summary>How <see cref="DicomJsonWriter"/> writes FL and FD values that are NaN or infinite.</summary>
public enum DicomJsonNonFiniteFloats
{
    /// <summary>Write the JSON strings "NaN", "Infinity" and "-Infinity", which <see cref="DicomJsonReader"/> reads back.</summary>
    /// <remarks>PS3.18 maps FL and FD to JSON numbers, which cannot hold these values (RFC 8259 section 6); a string keeps
    /// the value, as the standard already allows for DS, IS, SV and UV, instead of failing the whole dataset.</remarks>
    WriteAsString,

    /// <summary>Throw <see cref="DicomJsonException"/>: strict output, as dcm2json does by default.</summary>
    Throw,
}

/// <summary>Options of <see cref="DicomJsonWriter"/>.</summary>
public sealed record DicomJsonWriterOptions
{
    public static DicomJsonWriterOptions Default { get; } = new();

    /// <summary>Indent the output (two spaces per level); false writes compact JSON.</summary>
    public bool Indented { get; init; }

    /// <summary>Binary values (OB, OD, OF, OL, OV, OW, UN) of at least this many bytes are written as "BulkDataURI"
    /// instead of "InlineBinary"; null writes every binary value inline. Needs <see cref="BulkDataUriFactory"/>.</summary>
    public long? BulkDataThreshold { get; init; }

    /// <summary>Makes the URI written as "BulkDataURI" for the value at the given path.</summary>
    public Func<DicomTagPath, string>? BulkDataUriFactory { get; init; }

    /// <summary>Encapsulated pixel data is skipped by default; see <see cref="DicomJsonEncapsulatedPixelData"/>.</summary>
    public DicomJsonEncapsulatedPixelData EncapsulatedPixelData { get; init; } = DicomJsonEncapsulatedPixelData.Skip;

    public DicomJsonNonFiniteFloats NonFiniteFloats { get; init; } = DicomJsonNonFiniteFloats.WriteAsString;

    /// <summary>Escaping of string content. The default leaves non-ASCII text readable: the output is a JSON document,
    /// not HTML, so the HTML-safe escaping of the framework's default encoder buys nothing and bloats names.</summary>
    public JavaScriptEncoder Encoder { get; init; } = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    internal void Validate()
    {
        if (BulkDataThreshold is < 0)
            throw new ArgumentOutOfRangeException(nameof(BulkDataThreshold), "The bulk data threshold is a byte count, zero or more.");
        if (BulkDataThreshold is not null && BulkDataUriFactory is null)
            throw new ArgumentException($"{nameof(BulkDataThreshold)} is set but {nameof(BulkDataUriFactory)} is not: nothing can make the URIs.");
        if (EncapsulatedPixelData == DicomJsonEncapsulatedPixelData.BulkDataUri && BulkDataUriFactory is null)
            throw new ArgumentException($"{nameof(EncapsulatedPixelData)} is {nameof(DicomJsonEncapsulatedPixelData.BulkDataUri)} but {nameof(BulkDataUriFactory)} is not set.");
    }
}
