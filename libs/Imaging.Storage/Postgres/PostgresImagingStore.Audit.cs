using System.Text;
using Imaging.Storage.Postgres;
using Npgsql;

namespace Imaging.Storage;

/// <summary>The audit log: appended in one batch (one implicit transaction, one round trip), read newest first.</summary>
public sealed partial class PostgresImagingStore : IAuditLog
{
    private const string InsertAuditSql = """
        INSERT INTO audit_log (at, user_name, role, auth_method, remote_address, method, target, patient_id, study_instance_uid,
            series_instance_uid, sop_instance_uid, status_code, duration_us)
        VALUES (@at, @user, @role, @auth, @remote, @method, @target, @patient, @study, @series, @instance, @status, @duration)
        """;

    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var entry in entries)
            {
                var command = new NpgsqlBatchCommand(InsertAuditSql);
                command.Parameters.Instant("at", entry.At).Text("user", entry.UserName).Text("role", entry.Role).Text("auth", entry.AuthMethod)
                    .Text("remote", entry.RemoteAddress).Text("method", entry.Method).Text("target", entry.Target).Text("patient", entry.PatientId)
                    .Text("study", entry.StudyInstanceUid).Text("series", entry.SeriesInstanceUid).Text("instance", entry.SopInstanceUid)
                    .Integer("status", entry.StatusCode).Bigint("duration", entry.Duration.Ticks / TimeSpan.TicksPerMicrosecond);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        await using var command = _dataSource.CreateCommand();
        var sql = new StringBuilder("""
            SELECT id, at, user_name, role, auth_method, remote_address, method, target, patient_id, study_instance_uid,
                   series_instance_uid, sop_instance_uid, status_code, duration_us
            FROM audit_log WHERE true
            """);
        if (query.PatientId is not null)
        {
            sql.Append(" AND patient_id = @patient");
            command.Parameters.Text("patient", query.PatientId);
        }
        if (query.UserName is not null)
        {
            sql.Append(" AND user_name = @user");
            command.Parameters.Text("user", query.UserName);
        }
        if (query.From is { } from)
        {
            sql.Append(" AND at >= @from");
            command.Parameters.Instant("from", from);
        }
        if (query.To is { } to)
        {
            sql.Append(" AND at < @to");
            command.Parameters.Instant("to", to);
        }
        sql.Append(" ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset");
        command.Parameters.Integer("limit", query.Limit).Integer("offset", query.Offset);
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), reader.GetInstant(1), reader.GetNullableString(2), reader.GetNullableString(3),
                reader.GetNullableString(4), reader.GetNullableString(5), reader.GetString(6), reader.GetString(7), reader.GetNullableString(8),
                reader.GetNullableString(9), reader.GetNullableString(10), reader.GetNullableString(11), reader.GetInt32(12),
                TimeSpan.FromTicks(reader.GetInt64(13) * TimeSpan.TicksPerMicrosecond)));
        }
        return entries;
    }
}
