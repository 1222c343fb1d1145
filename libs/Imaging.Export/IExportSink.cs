namespace Imaging.Export;

/// <summary>Where an export's files go while it runs (a partial folder or a temporary ZIP) until it is committed under
/// its final name, or aborted and removed.</summary>
internal interface IExportSink : IAsyncDisposable
{
    /// <summary>Writes one file at <paramref name="relativePath"/> ('/' separated, already sanitised). The sink may keep
    /// <paramref name="content"/> until it calls <paramref name="written"/>; the caller must not reuse it before.</summary>
    ValueTask WriteAsync(string relativePath, ReadOnlyMemory<byte> content, Action? written, CancellationToken cancellationToken);

    /// <summary>Finishes every pending write and moves the output to its final name.</summary>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Stops and deletes everything written so far (best effort, never throws).</summary>
    Task AbortAsync();
}
