namespace Imaging.Export.Tables;

/// <summary>A findings table: its file name stem and columns, written alike as CSV and Parquet.</summary>
internal sealed record TableDefinition<TRow>(string Name, IReadOnlyList<TableColumn<TRow>> Columns);
