using System.Globalization;
using Imaging.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Imaging.Storage;

/// <summary>Research export jobs, shared by every API node.</summary>
public sealed partial class PostgresImagingStore : IExportJobStore
{
    private const string ExportJobColumns = """
        id, owner, node, state, request, created_at, started_at, finished_at, total, exported_count, quarantined_count, failed_count,
        bytes_written, patients, studies, output_path, output_bytes, output_sha256, error
        """;

    public async Task CreateExportJobAsync(ExportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO export_jobs ({ExportJobColumns})
            VALUES (@id, @owner, @node, @state, @request, @created, @started, @finished, @total, @exported, @quarantined, @failed,
                @bytes, @patients, @studies, @output, @outputBytes, @sha256, @error)
            """);
        BindExportJob(command.Parameters, job);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ExportJob?> GetExportJobAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {ExportJobColumns} FROM export_jobs WHERE id = @id");
        command.Parameters.Text("id", JobId(id));
        var jobs = await ReadExportJobsAsync(command, cancellationToken).ConfigureAwait(false);
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task<IReadOnlyList<ExportJob>> ListExportJobsAsync(string? owner, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _dataSource.CreateCommand($"""
            SELECT {ExportJobColumns} FROM export_jobs WHERE (@owner::text IS NULL OR owner = @owner)
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """);
        command.Parameters.Text("owner", owner).Integer("limit", limit);
        return await ReadExportJobsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ExportJob>> ListExportJobsAsync(string node, ExportJobState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        await using var command = _dataSource.CreateCommand($"""
            SELECT {ExportJobColumns} FROM export_jobs WHERE node = @node AND state = @state ORDER BY created_at, id
            """);
        command.Parameters.Text("node", node).Text("state", ExportJobStates.Name(state));
        return await ReadExportJobsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ExportJob>> ListExportJobsFinishedBeforeAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _dataSource.CreateCommand($"""
            SELECT {ExportJobColumns} FROM export_jobs WHERE finished_at IS NOT NULL AND finished_at < @before
            ORDER BY finished_at, id LIMIT @limit
            """);
        command.Parameters.Instant("before", before).Integer("limit", limit);
        return await ReadExportJobsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UpdateExportJobAsync(ExportJob job, ExportJobState expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var command = _dataSource.CreateCommand("""
            UPDATE export_jobs SET owner = @owner, node = @node, state = @state, request = @request, started_at = @started,
                finished_at = @finished, total = @total, exported_count = @exported, quarantined_count = @quarantined, failed_count = @failed,
                bytes_written = @bytes, patients = @patients, studies = @studies, output_path = @output, output_bytes = @outputBytes,
                output_sha256 = @sha256, error = @error
            WHERE id = @id AND state = @expected
            """);
        BindExportJob(command.Parameters, job);
        command.Parameters.Text("expected", ExportJobStates.Name(expected));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> DeleteExportJobAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM export_jobs WHERE id = @id");
        command.Parameters.Text("id", JobId(id));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static string JobId(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static void BindExportJob(NpgsqlParameterCollection parameters, ExportJob job)
    {
        parameters.Text("id", JobId(job.Id)).Text("owner", job.Owner).Text("node", job.Node).Text("state", ExportJobStates.Name(job.State))
            .Text("request", job.Request).Instant("created", job.CreatedAt).Integer("total", job.Total).Integer("exported", job.Exported)
            .Integer("quarantined", job.Quarantined).Integer("failed", job.Failed).Bigint("bytes", job.BytesWritten).Integer("patients", job.Patients)
            .Integer("studies", job.Studies).Text("output", job.OutputPath).Text("sha256", job.OutputSha256)
            .Text("error", SqliteImagingStore.TruncateJobError(job.Error));
        parameters.Add(NullableInstant("started", job.StartedAt));
        parameters.Add(NullableInstant("finished", job.FinishedAt));
        parameters.Add(new NpgsqlParameter("outputBytes", NpgsqlDbType.Bigint) { Value = job.OutputBytes is { } b ? b : DBNull.Value });
    }

    private static NpgsqlParameter NullableInstant(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.ToUniversalTime() : DBNull.Value };

    private static async Task<IReadOnlyList<ExportJob>> ReadExportJobsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<ExportJob>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(new ExportJob(Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2),
                ExportJobStates.Parse(reader.GetString(3)), reader.GetString(4), reader.GetInstant(5))
            {
                StartedAt = reader.IsDBNull(6) ? null : reader.GetInstant(6),
                FinishedAt = reader.IsDBNull(7) ? null : reader.GetInstant(7),
                Total = reader.GetInt32(8),
                Exported = reader.GetInt32(9),
                Quarantined = reader.GetInt32(10),
                Failed = reader.GetInt32(11),
                BytesWritten = reader.GetInt64(12),
                Patients = reader.GetNullableInt32(13),
                Studies = reader.GetNullableInt32(14),
                OutputPath = reader.GetNullableString(15),
                OutputBytes = reader.IsDBNull(16) ? null : reader.GetInt64(16),
                OutputSha256 = reader.GetNullableString(17),
                Error = reader.GetNullableString(18),
            });
        }
        return jobs;
    }
}
