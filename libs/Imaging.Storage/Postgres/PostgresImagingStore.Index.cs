using Imaging.Contracts;
using Imaging.Storage.Postgres;
using Npgsql;

namespace Imaging.Storage;

/// <summary>Ingest: one instance, its parents, its series' readiness and its outbox row in one transaction and one round
/// trip: a statement batch, which PostgreSQL runs as one implicit transaction committed at its end (any failing
/// statement rolls back the whole batch).</summary>
/// <remarks>Concurrent associations often send the same study and series. Rows they share are written only when
/// something changes (<c>INSERT .. ON CONFLICT DO NOTHING</c>, then an <c>UPDATE</c> whose WHERE is false when nothing
/// differs, which takes no row lock), so their transactions do not queue behind each other's commit and PostgreSQL
/// flushes their commits together. The series row is only share-locked (<c>FOR KEY SHARE</c>, compatible with other
/// instances), which keeps the assembler (<c>FOR UPDATE SKIP LOCKED</c>) from completing the series until this instance
/// is committed; and when the assembler got there first, the lock waits for it, so the next statement sees the series
/// ready and reopens it.</remarks>
public sealed partial class PostgresImagingStore
{
    public async Task<RecordedInstance> RecordInstanceAsync(InstanceRecord instance, TimeSpan quietTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quietTimeout, TimeSpan.Zero);
        var deadline = instance.ReceivedAt + quietTimeout;

        await using var batch = _dataSource.CreateBatch();
        AddParentUpserts(batch, instance, deadline, quietTimeout);

        var lockSeries = new NpgsqlBatchCommand("SELECT 1 FROM series WHERE series_instance_uid = @series FOR KEY SHARE");
        lockSeries.Parameters.Text("series", instance.SeriesInstanceUid);
        batch.BatchCommands.Add(lockSeries);

        // Whether the instance is new is only known inside the statement, so both forms of its announcement travel.
        InstanceStored Stored(bool replaced) => new(instance.StudyInstanceUid, instance.SeriesInstanceUid, instance.SopInstanceUid,
            instance.SopClassUid, instance.CallingAeTitle, replaced, instance.ReceivedAt);
        var record = new NpgsqlBatchCommand("""
            WITH inserted AS (
                INSERT INTO instances (sop_instance_uid, series_instance_uid, sop_class_uid, instance_number, transfer_syntax_uid, blob_key,
                                       size_bytes, calling_ae_title, received_at, traceparent)
                VALUES (@uid, @series, @class, @number, @syntax, @blob, @size, @ae, @received, @traceparent)
                ON CONFLICT (sop_instance_uid) DO NOTHING
                RETURNING 1),
            -- The same instance again: the new copy replaced the blob; the row follows it. Its newer received_at is what
            -- slides a pending series' deadline (the assembler reads it); a ready series is not reopened.
            replaced AS (
                UPDATE instances SET series_instance_uid = @series, sop_class_uid = @class, instance_number = @number,
                    transfer_syntax_uid = @syntax, blob_key = @blob, size_bytes = @size, calling_ae_title = @ae, received_at = @received,
                    traceparent = @traceparent
                WHERE sop_instance_uid = @uid AND NOT EXISTS (SELECT 1 FROM inserted)
                RETURNING 1),
            -- A new instance in a series that was ready: it must be analysed again once quiet.
            reopened AS (
                UPDATE series SET state = 'pending', quiet_deadline = @deadline, quiet_timeout = @timeout
                WHERE series_instance_uid = @series AND state = 'ready' AND EXISTS (SELECT 1 FROM inserted)
                RETURNING 1),
            announced AS (
                INSERT INTO outbox (message_type, payload, created_at, traceparent)
                SELECT @type, CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN @added ELSE @again END, now(), @traceparent
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM inserted), (SELECT ready_version FROM series WHERE series_instance_uid = @series)
            """);
        AddInstanceParameters(record.Parameters, instance);
        record.Parameters.Text("traceparent", OutboxTraceContext.Current()).Instant("deadline", deadline).Interval("timeout", quietTimeout).Text("type", OutboxSerialization.MessageType<InstanceStored>())
            .Text("added", OutboxSerialization.Serialize(Stored(replaced: false))).Text("again", OutboxSerialization.Serialize(Stored(replaced: true)));
        batch.BatchCommands.Add(record);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        // The series lock's row, then the record's.
        if (!await reader.NextRowsAsync(cancellationToken).ConfigureAwait(false)
            || !await reader.NextResultAsync(cancellationToken).ConfigureAwait(false)
            || !await reader.NextRowsAsync(cancellationToken).ConfigureAwait(false)
            || !await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException("The instance batch returned fewer results than it has statements.");
        var inserted = reader.GetBoolean(0);
        var readyVersion = reader.GetInt32(1);
        // The implicit transaction commits after the last statement: reading to the end of the batch is what waits for
        // that commit (and surfaces its failure).
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
        }
        return new RecordedInstance(Replaced: !inserted, readyVersion);
    }

    private static void AddParentUpserts(NpgsqlBatch batch, InstanceRecord instance, DateTimeOffset deadline, TimeSpan quietTimeout)
    {
        var patientInsert = new NpgsqlBatchCommand("""
            INSERT INTO patients (patient_id, patient_name, birth_date, sex) VALUES (@id, @name, @birth, @sex)
            ON CONFLICT (patient_id) DO NOTHING
            """);
        var patientUpdate = new NpgsqlBatchCommand("""
            UPDATE patients SET patient_name = coalesce(@name, patient_name), birth_date = coalesce(@birth, birth_date), sex = coalesce(@sex, sex)
            WHERE patient_id = @id
              AND (coalesce(@name, patient_name) IS DISTINCT FROM patient_name
                   OR coalesce(@birth, birth_date) IS DISTINCT FROM birth_date
                   OR coalesce(@sex, sex) IS DISTINCT FROM sex)
            """);
        foreach (var command in new[] { patientInsert, patientUpdate })
        {
            command.Parameters.Text("id", instance.PatientId).Text("name", instance.PatientName).Text("birth", instance.PatientBirthDate)
                .Text("sex", instance.PatientSex);
            batch.BatchCommands.Add(command);
        }

        var studyInsert = new NpgsqlBatchCommand("""
            INSERT INTO studies (study_instance_uid, patient_id, study_date, study_time, study_description, accession_number, study_id)
            VALUES (@uid, @patient, @date, @time, @description, @accession, @id)
            ON CONFLICT (study_instance_uid) DO NOTHING
            """);
        var studyUpdate = new NpgsqlBatchCommand("""
            UPDATE studies SET patient_id = @patient, study_date = coalesce(@date, study_date), study_time = coalesce(@time, study_time),
                study_description = coalesce(@description, study_description), accession_number = coalesce(@accession, accession_number),
                study_id = coalesce(@id, study_id)
            WHERE study_instance_uid = @uid
              AND (@patient IS DISTINCT FROM patient_id
                   OR coalesce(@date, study_date) IS DISTINCT FROM study_date
                   OR coalesce(@time, study_time) IS DISTINCT FROM study_time
                   OR coalesce(@description, study_description) IS DISTINCT FROM study_description
                   OR coalesce(@accession, accession_number) IS DISTINCT FROM accession_number
                   OR coalesce(@id, study_id) IS DISTINCT FROM study_id)
            """);
        foreach (var command in new[] { studyInsert, studyUpdate })
        {
            command.Parameters.Text("uid", instance.StudyInstanceUid).Text("patient", instance.PatientId).Text("date", instance.StudyDate)
                .Text("time", instance.StudyTime).Text("description", instance.StudyDescription).Text("accession", instance.AccessionNumber)
                .Text("id", instance.StudyId);
            batch.BatchCommands.Add(command);
        }

        // A new series starts pending with its deadline; an existing one keeps its state here.
        var seriesInsert = new NpgsqlBatchCommand("""
            INSERT INTO series (series_instance_uid, study_instance_uid, modality, series_number, series_description, body_part_examined,
                                state, quiet_deadline, quiet_timeout, ready_version)
            VALUES (@uid, @study, @modality, @number, @description, @body, 'pending', @deadline, @timeout, 0)
            ON CONFLICT (series_instance_uid) DO NOTHING
            """);
        var seriesUpdate = new NpgsqlBatchCommand("""
            UPDATE series SET study_instance_uid = @study, modality = @modality, series_number = coalesce(@number, series_number),
                series_description = coalesce(@description, series_description), body_part_examined = coalesce(@body, body_part_examined)
            WHERE series_instance_uid = @uid
              AND (@study IS DISTINCT FROM study_instance_uid
                   OR @modality IS DISTINCT FROM modality
                   OR coalesce(@number, series_number) IS DISTINCT FROM series_number
                   OR coalesce(@description, series_description) IS DISTINCT FROM series_description
                   OR coalesce(@body, body_part_examined) IS DISTINCT FROM body_part_examined)
            """);
        foreach (var command in new[] { seriesInsert, seriesUpdate })
        {
            command.Parameters.Text("uid", instance.SeriesInstanceUid).Text("study", instance.StudyInstanceUid).Text("modality", instance.Modality)
                .Integer("number", instance.SeriesNumber).Text("description", instance.SeriesDescription).Text("body", instance.BodyPartExamined);
            batch.BatchCommands.Add(command);
        }
        seriesInsert.Parameters.Instant("deadline", deadline).Interval("timeout", quietTimeout);
    }

    private static void AddInstanceParameters(NpgsqlParameterCollection parameters, InstanceRecord instance) =>
        parameters.Text("uid", instance.SopInstanceUid).Text("series", instance.SeriesInstanceUid).Text("class", instance.SopClassUid)
            .Integer("number", instance.InstanceNumber).Text("syntax", instance.TransferSyntaxUid).Text("blob", instance.BlobKey)
            .Bigint("size", instance.SizeBytes).Text("ae", instance.CallingAeTitle).Instant("received", instance.ReceivedAt);

    /// <param name="traceParent">The span the relay continues (migration 0008), or null.</param>
    /// <param name="linkSeries">A SeriesReady's series: the row keeps the traceparents of its newest instances to link to.</param>
    private static NpgsqlBatchCommand OutboxInsert(string messageType, string payload, string? traceParent = null, string? linkSeries = null)
    {
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO outbox (message_type, payload, created_at, traceparent, trace_links)
            VALUES (@type, @payload, now(), @traceparent,
                (SELECT string_agg(t.traceparent, ' ') FROM (SELECT traceparent FROM instances
                 WHERE series_instance_uid = @linkseries AND traceparent IS NOT NULL
                 ORDER BY received_at DESC LIMIT {OutboxTraceContext.MaximumSeriesLinks}) t))
            """);
        command.Parameters.Text("type", messageType).Text("payload", payload).Text("traceparent", traceParent).Text("linkseries", linkSeries);
        return command;
    }

    public async Task<IReadOnlyList<InstanceRecord>> GetSeriesInstancesAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seriesInstanceUid);
        await using var command = _dataSource.CreateCommand(InstanceRecordRow.SelectBySeries("@uid"));
        command.Parameters.Text("uid", seriesInstanceUid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var instances = new List<InstanceRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            instances.Add(InstanceRecordRow.Read(reader, reader.GetInstant(InstanceRecordRow.ReceivedAtOrdinal)));
        }
        return instances;
    }
}
