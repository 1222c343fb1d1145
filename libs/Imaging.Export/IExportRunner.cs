namespace Imaging.Export;

/// <summary>Runs research exports: selection, de-identification, output, findings table, manifest and audit.</summary>
public interface IExportRunner
{
    /// <summary>Runs <paramref name="request"/> to the end, reporting progress as instances complete. Throws
    /// <see cref="ExportException"/> for a request that cannot run (bad output path, empty cohort when refused,
    /// ...) before anything is written; cancellation removes the partial output.</summary>
    Task<ExportResult> RunAsync(ExportRequest request, IProgress<ExportProgress>? progress, CancellationToken cancellationToken);
}
