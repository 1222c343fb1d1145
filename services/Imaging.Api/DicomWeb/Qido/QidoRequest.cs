using Imaging.Storage.DicomWeb;

namespace Imaging.Api.DicomWeb.Qido;

/// <summary>A parsed QIDO-RS request: the store query and the attributes each result carries, in tag order.</summary>
internal sealed record QidoRequest(QidoQuery Query, IReadOnlyList<QidoReturnAttribute> ReturnAttributes);
