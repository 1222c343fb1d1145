using System.Text.Json;
using Imaging.Storage.DicomWeb;

namespace Imaging.Api.DicomWeb.Qido;

/// <summary>An attribute QIDO-RS can return (and, when <see cref="Match"/> is set, match on).</summary>
/// <param name="Tag">The tag as 8 uppercase hex digits, the DICOM JSON key.</param>
/// <param name="Level">The level whose entity holds the attribute: it is available at that level and below.</param>
/// <param name="Match">The index column it matches on; null for return-only attributes (only an empty value is accepted).</param>
/// <param name="OnlyAt">Set for aggregates and level-specific values that exist at one level only (counts, ModalitiesInStudy).</param>
/// <param name="Write">Writes <c>"vr"</c> and <c>"Value"</c> (when there is one) inside the attribute's object.</param>
internal sealed record QidoReturnAttribute(
    string Tag,
    string Keyword,
    string VR,
    QidoLevel Level,
    QidoAttribute? Match,
    QidoLevel? OnlyAt,
    Action<Utf8JsonWriter, QidoRow> Write)
{
    public JsonEncodedText EncodedTag { get; } = JsonEncodedText.Encode(Tag);

    /// <summary>True when a result of <paramref name="level"/> carries this attribute.</summary>
    public bool AvailableAt(QidoLevel level) => OnlyAt is { } only ? only == level : Level <= level;
}
