namespace Imaging.Export.Tables;

/// <summary>One column of a findings table: its name, type and how a row gives its value (null for empty).</summary>
internal sealed record TableColumn<TRow>(string Name, ColumnType Type, Func<TRow, object?> Value);
