using System.Text;
using Imaging.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage;

/// <summary>The audit log: appended through the group-committing writer, read newest first.</summary>
public sealed partial class SqliteImagingStore : IAuditLog
{
    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return Task.CompletedTask;
        return _writes.RunAsync(context =>
        {
            var command = context.Command("""
                INSERT INTO audit_log (at, user_name, role, auth_method, remote_address, method, target, patient_id, study_instance_uid,
                    series_instance_uid, sop_instance_uid, status_code, duration_us)
                VALUES ($at, $user, $role, $auth, $remote, $method, $target, $patient, $study, $series, $instance, $status, $duration)
                """);
            foreach (var entry in entries)
            {
                command.Parameters.Clear();
                command.With("$at", UnixMicroseconds.From(entry.At)).With("$user", entry.UserName).With("$role", entry.Role)
                    .With("$auth", entry.AuthMethod).With("$remote", entry.RemoteAddress).With("$method", entry.Method).With("$target", entry.Target)
                    .With("$patient", entry.PatientId).With("$study", entry.StudyInstanceUid).With("$series", entry.SeriesInstanceUid)
                    .With("$instance", entry.SopInstanceUid).With("$status", entry.StatusCode).With("$duration", UnixMicroseconds.From(entry.Duration));
                command.ExecuteNonQuery();
            }
            return entries.Count;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "");
        var sql = new StringBuilder("""
            SELECT id, at, user_name, role, auth_method, remote_address, method, target, patient_id, study_instance_uid,
                   series_instance_uid, sop_instance_uid, status_code, duration_us
            FROM audit_log WHERE 1 = 1
            """);
        if (query.PatientId is not null)
        {
            sql.Append(" AND patient_id = $patient");
            command.With("$patient", query.PatientId);
        }
        if (query.UserName is not null)
        {
            sql.Append(" AND user_name = $user");
            command.With("$user", query.UserName);
        }
        if (query.From is { } from)
        {
            sql.Append(" AND at >= $from");
            command.With("$from", UnixMicroseconds.From(from));
        }
        if (query.To is { } to)
        {
            sql.Append(" AND at < $to");
            command.With("$to", UnixMicroseconds.From(to));
        }
        sql.Append(" ORDER BY at DESC, id DESC LIMIT $limit OFFSET $offset");
        command.With("$limit", query.Limit).With("$offset", query.Offset);
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) entries.Add(ReadAuditEntry(reader));
        return entries;
    }

    private static AuditEntry ReadAuditEntry(SqliteDataReader reader) =>
        new(reader.GetInt64(0), UnixMicroseconds.ToInstant(reader.GetInt64(1)), reader.GetNullableString(2), reader.GetNullableString(3),
            reader.GetNullableString(4), reader.GetNullableString(5), reader.GetString(6), reader.GetString(7), reader.GetNullableString(8),
            reader.GetNullableString(9), reader.GetNullableString(10), reader.GetNullableString(11), reader.GetInt32(12),
            TimeSpan.FromTicks(reader.GetInt64(13) * TimeSpan.TicksPerMicrosecond));
}
