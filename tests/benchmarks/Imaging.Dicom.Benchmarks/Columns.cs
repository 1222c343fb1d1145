using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Imaging.Dicom.Benchmarks;

/// <summary>Files/s and MB/s (10^6 bytes of input file per second) for benchmarks marked <see cref="PerCtFileAttribute"/>,
/// where one operation is one file (OperationsPerInvoke = 400), so the Mean is already per file.</summary>
public sealed class ThroughputColumn(string name, bool megabytes, double averageFileBytes) : IColumn
{
    public string Id => nameof(ThroughputColumn) + "." + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => megabytes ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => megabytes
        ? "Input file bytes per second, in MB (10^6 bytes), from the mean time per file"
        : "Files per second, from the mean time per file";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Descriptor.Type.GetCustomAttribute<PerCtFileAttribute>() is null) return "-";
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean; // nanoseconds per operation (= per file)
        if (mean is not > 0) return "?";
        var perSecond = 1e9 / mean.Value;
        return megabytes
            ? (perSecond * averageFileBytes / 1e6).ToString("N0", CultureInfo.InvariantCulture)
            : perSecond.ToString("N0", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
