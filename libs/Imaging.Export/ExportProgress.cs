namespace Imaging.Export;

/// <summary>A progress report: instances selected, done so far (exported + quarantined + failed), and bytes written.</summary>
public sealed record ExportProgress(int Total, int Exported, int Quarantined, int Failed, long BytesWritten)
{
    /// <summary>Instances handled so far.</summary>
    public int Done => Exported + Quarantined + Failed;
}
