namespace Imaging.Export.Tables;

/// <summary>The value types a findings table column can have (each nullable).</summary>
internal enum ColumnType
{
    Text,
    Integer,
    Real,
    Boolean,
}
