using System.Globalization;
using Imaging.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage;

/// <summary>Research export jobs: written through the group-committing writer, read on pooled connections.</summary>
public sealed partial class SqliteImagingStore : IExportJobStore
{
    private const string ExportJobColumns = """
        id, owner, node, state, request, created_at, started_at, finished_at, total, exported_count, quarantined_count, failed_count,
        bytes_written, patients, studies, output_path, output_bytes, output_sha256, error
        """;

    public Task CreateExportJobAsync(ExportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _writes.RunAsync(context =>
        {
            var command = context.Command($"""
                INSERT INTO export_jobs ({ExportJobColumns})
                VALUES ($id, $owner, $node, $state, $request, $created, $started, $finished, $total, $exported, $quarantined, $failed,
                    $bytes, $patients, $studies, $output, $outputBytes, $sha256, $error)
                """);
            BindExportJob(command, job);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public async Task<ExportJob?> GetExportJobAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, $"SELECT {ExportJobColumns} FROM export_jobs WHERE id = $id").With("$id", JobId(id));
        var jobs = await ReadExportJobsAsync(command, cancellationToken).ConfigureAwait(false);
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task<IReadOnlyList<ExportJob>> ListExportJobsAsync(string? owner, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, $"""
            SELECT {ExportJobColumns} FROM export_jobs WHERE ($owner IS NULL OR owner = $owner)
            ORDER BY created_at DESC, id DESC LIMIT $limit
            """).With("$owner", owner).With("$limit", limit);
        return await ReadExportJobsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ExportJob>> ListExportJobsAsync(string node, ExportJobState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, $"""
            SELECT {ExportJobColumns} FROM export_jobs WHERE node = $node AND state = $state ORDER BY created_at, id
            """).With("$node", node).With("$state", ExportJobStates.Name(state));
        return await ReadExportJobsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ExportJob>> ListExportJobsFinishedBeforeAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, $"""
            SELECT {ExportJobColumns} FROM export_jobs WHERE finished_at IS NOT NULL AND finished_at < $before
            ORDER BY finished_at, id LIMIT $limit
            """).With("$before", UnixMicroseconds.From(before)).With("$limit", limit);
        return await ReadExportJobsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> UpdateExportJobAsync(ExportJob job, ExportJobState expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _writes.RunAsync(context =>
        {
            var command = context.Command("""
                UPDATE export_jobs SET owner = $owner, node = $node, state = $state, request = $request, started_at = $started,
                    finished_at = $finished, total = $total, exported_count = $exported, quarantined_count = $quarantined, failed_count = $failed,
                    bytes_written = $bytes, patients = $patients, studies = $studies, output_path = $output, output_bytes = $outputBytes,
                    output_sha256 = $sha256, error = $error
                WHERE id = $id AND state = $expected
                """);
            BindExportJob(command, job);
            command.With("$expected", ExportJobStates.Name(expected));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    public Task<bool> DeleteExportJobAsync(Guid id, CancellationToken cancellationToken) =>
        _writes.RunAsync(context =>
        {
            var command = context.Command("DELETE FROM export_jobs WHERE id = $id");
            command.With("$id", JobId(id));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    private static string JobId(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static void BindExportJob(SqliteCommand command, ExportJob job)
    {
        command.With("$id", JobId(job.Id)).With("$owner", job.Owner).With("$node", job.Node).With("$state", ExportJobStates.Name(job.State))
            .With("$request", job.Request).With("$created", UnixMicroseconds.From(job.CreatedAt))
            .With("$started", job.StartedAt is { } started ? UnixMicroseconds.From(started) : null)
            .With("$finished", job.FinishedAt is { } finished ? UnixMicroseconds.From(finished) : null)
            .With("$total", job.Total).With("$exported", job.Exported).With("$quarantined", job.Quarantined).With("$failed", job.Failed)
            .With("$bytes", job.BytesWritten).With("$patients", job.Patients).With("$studies", job.Studies).With("$output", job.OutputPath)
            .With("$outputBytes", job.OutputBytes).With("$sha256", job.OutputSha256).With("$error", TruncateJobError(job.Error));
    }

    internal static string? TruncateJobError(string? error) =>
        error is { Length: > IExportJobStore.MaximumErrorLength } ? error[..IExportJobStore.MaximumErrorLength] : error;

    private static async Task<IReadOnlyList<ExportJob>> ReadExportJobsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<ExportJob>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(new ExportJob(Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2),
                ExportJobStates.Parse(reader.GetString(3)), reader.GetString(4), UnixMicroseconds.ToInstant(reader.GetInt64(5)))
            {
                StartedAt = reader.IsDBNull(6) ? null : UnixMicroseconds.ToInstant(reader.GetInt64(6)),
                FinishedAt = reader.IsDBNull(7) ? null : UnixMicroseconds.ToInstant(reader.GetInt64(7)),
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
