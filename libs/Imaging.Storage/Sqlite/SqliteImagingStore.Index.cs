using Imaging.Contracts;
using Imaging.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage;

/// <summary>Ingest: one instance, its parents, its series' readiness and its outbox row in one transaction.</summary>
public sealed partial class SqliteImagingStore
{
    public Task<RecordedInstance> RecordInstanceAsync(InstanceRecord instance, TimeSpan quietTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quietTimeout, TimeSpan.Zero);
        var traceParent = OutboxTraceContext.Current();
        return _writes.RunAsync(context => Record(context, instance, quietTimeout, traceParent), cancellationToken);
    }

    private static RecordedInstance Record(SqliteWriteContext context, InstanceRecord instance, TimeSpan quietTimeout, string? traceParent)
    {
        var receivedAt = UnixMicroseconds.From(instance.ReceivedAt);
        var deadline = UnixMicroseconds.From(instance.ReceivedAt + quietTimeout);
        var timeout = UnixMicroseconds.From(quietTimeout);

        // Later instances fill in what earlier ones left empty and correct what changed; the WHERE clauses skip the
        // write (and its page in the WAL) when nothing would change, which is the common case.
        var patient = context.Command("""
            INSERT INTO patients (patient_id, patient_name, birth_date, sex) VALUES ($id, $name, $birth, $sex)
            ON CONFLICT (patient_id) DO UPDATE SET
                patient_name = coalesce(excluded.patient_name, patient_name),
                birth_date = coalesce(excluded.birth_date, birth_date),
                sex = coalesce(excluded.sex, sex)
            WHERE coalesce(excluded.patient_name, patient_name) IS NOT patient_name
               OR coalesce(excluded.birth_date, birth_date) IS NOT birth_date
               OR coalesce(excluded.sex, sex) IS NOT sex
            """);
        patient.With("$id", instance.PatientId).With("$name", instance.PatientName).With("$birth", instance.PatientBirthDate)
            .With("$sex", instance.PatientSex).ExecuteNonQuery();

        var study = context.Command("""
            INSERT INTO studies (study_instance_uid, patient_id, study_date, study_time, study_description, accession_number, study_id)
            VALUES ($uid, $patient, $date, $time, $description, $accession, $id)
            ON CONFLICT (study_instance_uid) DO UPDATE SET
                patient_id = excluded.patient_id,
                study_date = coalesce(excluded.study_date, study_date),
                study_time = coalesce(excluded.study_time, study_time),
                study_description = coalesce(excluded.study_description, study_description),
                accession_number = coalesce(excluded.accession_number, accession_number),
                study_id = coalesce(excluded.study_id, study_id)
            WHERE excluded.patient_id IS NOT patient_id
               OR coalesce(excluded.study_date, study_date) IS NOT study_date
               OR coalesce(excluded.study_time, study_time) IS NOT study_time
               OR coalesce(excluded.study_description, study_description) IS NOT study_description
               OR coalesce(excluded.accession_number, accession_number) IS NOT accession_number
               OR coalesce(excluded.study_id, study_id) IS NOT study_id
            """);
        study.With("$uid", instance.StudyInstanceUid).With("$patient", instance.PatientId).With("$date", instance.StudyDate)
            .With("$time", instance.StudyTime).With("$description", instance.StudyDescription).With("$accession", instance.AccessionNumber)
            .With("$id", instance.StudyId).ExecuteNonQuery();

        // A new series starts pending with its deadline; an existing one keeps its state here (see below).
        var series = context.Command("""
            INSERT INTO series (series_instance_uid, study_instance_uid, modality, series_number, series_description, body_part_examined,
                                state, quiet_deadline, quiet_timeout, ready_version)
            VALUES ($uid, $study, $modality, $number, $description, $body, 'pending', $deadline, $timeout, 0)
            ON CONFLICT (series_instance_uid) DO UPDATE SET
                study_instance_uid = excluded.study_instance_uid,
                modality = excluded.modality,
                series_number = coalesce(excluded.series_number, series_number),
                series_description = coalesce(excluded.series_description, series_description),
                body_part_examined = coalesce(excluded.body_part_examined, body_part_examined)
            WHERE excluded.study_instance_uid IS NOT study_instance_uid
               OR excluded.modality IS NOT modality
               OR coalesce(excluded.series_number, series_number) IS NOT series_number
               OR coalesce(excluded.series_description, series_description) IS NOT series_description
               OR coalesce(excluded.body_part_examined, body_part_examined) IS NOT body_part_examined
            """);
        series.With("$uid", instance.SeriesInstanceUid).With("$study", instance.StudyInstanceUid).With("$modality", instance.Modality)
            .With("$number", instance.SeriesNumber).With("$description", instance.SeriesDescription).With("$body", instance.BodyPartExamined)
            .With("$deadline", deadline).With("$timeout", timeout).ExecuteNonQuery();

        var insert = context.Command("""
            INSERT INTO instances (sop_instance_uid, series_instance_uid, sop_class_uid, instance_number, transfer_syntax_uid, blob_key,
                                   size_bytes, calling_ae_title, received_at, traceparent)
            VALUES ($uid, $series, $class, $number, $syntax, $blob, $size, $ae, $received, $traceparent)
            ON CONFLICT (sop_instance_uid) DO NOTHING
            """);
        var inserted = AddInstanceParameters(insert, instance, receivedAt).With("$traceparent", traceParent).ExecuteNonQuery() == 1;

        if (!inserted)
        {
            // The same instance again: the new copy replaced the blob; the row follows it. Its newer received_at is what
            // slides a pending series' deadline (the assembler reads it); a ready series is not reopened.
            var update = context.Command("""
                UPDATE instances SET series_instance_uid = $series, sop_class_uid = $class, instance_number = $number,
                    transfer_syntax_uid = $syntax, blob_key = $blob, size_bytes = $size, calling_ae_title = $ae, received_at = $received,
                    traceparent = $traceparent
                WHERE sop_instance_uid = $uid
                """);
            AddInstanceParameters(update, instance, receivedAt).With("$traceparent", traceParent).ExecuteNonQuery();
        }
        else
        {
            // A new instance in a series that was ready: it must be analysed again once quiet.
            var reopen = context.Command("""
                UPDATE series SET state = 'pending', quiet_deadline = $deadline, quiet_timeout = $timeout
                WHERE series_instance_uid = $uid AND state = 'ready'
                """);
            reopen.With("$uid", instance.SeriesInstanceUid).With("$deadline", deadline).With("$timeout", timeout).ExecuteNonQuery();
        }

        var version = context.Command("SELECT ready_version FROM series WHERE series_instance_uid = $uid").With("$uid", instance.SeriesInstanceUid);
        var readyVersion = Convert.ToInt32(version.ExecuteScalar()!, System.Globalization.CultureInfo.InvariantCulture);

        var stored = new InstanceStored(instance.StudyInstanceUid, instance.SeriesInstanceUid, instance.SopInstanceUid, instance.SopClassUid,
            instance.CallingAeTitle, Replaced: !inserted, instance.ReceivedAt);
        AddOutboxRow(context, OutboxSerialization.MessageType<InstanceStored>(), OutboxSerialization.Serialize(stored), traceParent);
        return new RecordedInstance(Replaced: !inserted, readyVersion);
    }

    private static SqliteCommand AddInstanceParameters(SqliteCommand command, InstanceRecord instance, long receivedAt) =>
        command.With("$uid", instance.SopInstanceUid).With("$series", instance.SeriesInstanceUid).With("$class", instance.SopClassUid)
            .With("$number", instance.InstanceNumber).With("$syntax", instance.TransferSyntaxUid).With("$blob", instance.BlobKey)
            .With("$size", instance.SizeBytes).With("$ae", instance.CallingAeTitle).With("$received", receivedAt);

    /// <param name="traceParent">The span the relay continues (migration 0008), or null.</param>
    /// <param name="linkSeries">A SeriesReady's series: the row keeps the traceparents of its newest instances to link to.</param>
    private static void AddOutboxRow(SqliteWriteContext context, string messageType, string payload, string? traceParent = null, string? linkSeries = null)
    {
        var command = context.Command($"""
            INSERT INTO outbox (message_type, payload, created_at, attempts, traceparent, trace_links)
            VALUES ($type, $payload, $created, 0, $traceparent,
                (SELECT group_concat(traceparent, ' ') FROM (SELECT traceparent FROM instances
                 WHERE series_instance_uid = $linkSeries AND traceparent IS NOT NULL
                 ORDER BY received_at DESC LIMIT {OutboxTraceContext.MaximumSeriesLinks})))
            """);
        command.With("$type", messageType).With("$payload", payload).With("$created", UnixMicroseconds.From(DateTimeOffset.UtcNow))
            .With("$traceparent", traceParent).With("$linkSeries", linkSeries).ExecuteNonQuery();
    }

    public async Task<IReadOnlyList<InstanceRecord>> GetSeriesInstancesAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seriesInstanceUid);
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, InstanceRecordRow.SelectBySeries("$uid")).With("$uid", seriesInstanceUid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var instances = new List<InstanceRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            instances.Add(InstanceRecordRow.Read(reader, UnixMicroseconds.ToInstant(reader.GetInt64(InstanceRecordRow.ReceivedAtOrdinal))));
        }
        return instances;
    }
}
