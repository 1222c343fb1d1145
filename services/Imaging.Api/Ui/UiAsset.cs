namespace Imaging.Api.Ui;

/// <summary>One file of the web UI as it is served: its bytes, media type and strong validator.</summary>
/// <param name="Path">Relative to <c>/ui/</c>, e.g. <c>js/app.js</c>.</param>
/// <param name="ETag">Quoted strong entity tag from the content hash, so a reload revalidates instead of refetching.</param>
internal sealed record UiAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, string ETag);
