using Microsoft.Data.Sqlite;

namespace Imaging.Storage.Sqlite;

/// <summary>The writer's connection, its current transaction, and its prepared statements.</summary>
/// <remarks>Every write runs the same few statements thousands of times: preparing each once per connection (instead of
/// once per call) removes most of the CPU cost of an instance. Only the writer's single loop uses a context.</remarks>
internal sealed class SqliteWriteContext(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    /// <summary>The connection is opened with <c>synchronous=FULL</c> (see SqliteImagingStore.OpenWriterConnection).</summary>
    private bool _durable = true;

    public SqliteConnection Connection { get; } = connection;

    /// <summary>The transaction of the batch being written.</summary>
    public SqliteTransaction Transaction { get; set; } = null!;

    /// <summary>The prepared command for <paramref name="sql"/>, in the current transaction, without parameters. It is
    /// owned by this context: callers set parameters and execute it, and never dispose it.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _statements.Add(sql, command);
        }
        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>Whether the next commit fsyncs the WAL (<c>synchronous=FULL</c>) or leaves that to the next durable
    /// commit (<c>NORMAL</c>); the pragma is only sent when it changes. Call outside a transaction.</summary>
    public void SetDurable(bool durable)
    {
        if (durable == _durable) return;
        using (var pragma = Connection.CreateCommand())
        {
            pragma.CommandText = durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
            pragma.ExecuteNonQuery();
        }
        _durable = durable;
    }

    public void Dispose()
    {
        foreach (var command in _statements.Values) command.Dispose();
        _statements.Clear();
        Connection.Dispose();
    }
}
