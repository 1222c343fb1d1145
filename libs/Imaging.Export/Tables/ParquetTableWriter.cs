using Parquet;
using Parquet.Schema;

namespace Imaging.Export.Tables;

/// <summary>Writes a findings table as one Parquet row group, every column optional (null where the CSV is empty).</summary>
internal static class ParquetTableWriter
{
    public static async Task<byte[]> WriteAsync<TRow>(TableDefinition<TRow> table, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        var fields = table.Columns.Select(Field).ToArray();
        using var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < fields.Length; i++)
            {
                var column = table.Columns[i];
                switch (column.Type)
                {
                    case ColumnType.Text:
                        await group.WriteAsync(fields[i], rows.Select(r => (string)column.Value(r)!).ToArray()).ConfigureAwait(false);
                        break;
                    case ColumnType.Integer:
                        await group.WriteAsync<int>(fields[i], rows.Select(r => (int?)column.Value(r)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case ColumnType.Real:
                        await group.WriteAsync<double>(fields[i], rows.Select(r => (double?)column.Value(r)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await group.WriteAsync<bool>(fields[i], rows.Select(r => (bool?)column.Value(r)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        return output.ToArray();
    }

    private static DataField Field<TRow>(TableColumn<TRow> column) => column.Type switch
    {
        ColumnType.Text => new DataField<string>(column.Name, nullable: true),
        ColumnType.Integer => new DataField<int?>(column.Name),
        ColumnType.Real => new DataField<double?>(column.Name),
        _ => new DataField<bool?>(column.Name),
    };
}
