using Imaging.Export;

namespace Imaging.Api.Export;

/// <summary>A job running on this node: how to cancel it, and the runner's latest progress (read by GET between the
/// periodic writes to the store).</summary>
internal sealed class RunningExport(CancellationTokenSource cancellation) : IProgress<ExportProgress>
{
    private ExportProgress? _latest;

    public CancellationTokenSource Cancellation { get; } = cancellation;

    public ExportProgress? Latest => Volatile.Read(ref _latest);

    public void Report(ExportProgress value) => Volatile.Write(ref _latest, value);
}
