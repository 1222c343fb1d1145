namespace Imaging.Api.DicomWeb.Qido;

/// <summary>QIDO-RS settings, bound from the <c>DicomWeb:Qido</c> section (environment: <c>DicomWeb__Qido__MaximumLimit</c> ...).</summary>
public sealed class QidoOptions
{
    public const string SectionName = "DicomWeb:Qido";

    /// <summary>Results per response when the request gives no <c>limit</c>.</summary>
    public int DefaultLimit { get; set; } = 100;

    /// <summary>Most results per response; a larger <c>limit</c> is lowered to it (with the 299 warning if more exist).</summary>
    public int MaximumLimit { get; set; } = 1000;

    /// <summary>Largest <c>offset</c> accepted: deep pages are cheap to ask for and costly to compute.</summary>
    public int MaximumOffset { get; set; } = 1_000_000;

    /// <summary>The base URL RetrieveURL (0008,1190) starts with, e.g. <c>https://pacs.example.org</c> behind a reverse
    /// proxy; when unset, the request's scheme, host and path base.</summary>
    public Uri? PublicBaseUrl { get; set; }
}
