using System.Globalization;
using System.Text;
using Imaging.Storage.Postgres;
using Npgsql;

namespace Imaging.Storage;

/// <summary>The API's read side: studies by patient, modality and date; one study with its series; one series.</summary>
public sealed partial class PostgresImagingStore
{
    private const string StudySummaryColumns = """
        st.study_instance_uid, st.patient_id, p.patient_name, st.study_date, st.study_description, st.accession_number,
        (SELECT string_agg(DISTINCT se.modality, ',') FROM series se WHERE se.study_instance_uid = st.study_instance_uid),
        (SELECT count(*) FROM series se WHERE se.study_instance_uid = st.study_instance_uid),
        (SELECT count(*) FROM instances i JOIN series se ON se.series_instance_uid = i.series_instance_uid
         WHERE se.study_instance_uid = st.study_instance_uid),
        p.birth_date, p.sex
        """;

    private const string SeriesSummaryColumns = """
        se.series_instance_uid, se.modality, se.series_number, se.series_description, se.body_part_examined,
        (SELECT count(*) FROM instances i WHERE i.series_instance_uid = se.series_instance_uid), se.state, se.ready_version
        """;

    public async Task<IReadOnlyList<StudySummary>> QueryStudiesAsync(StudyQuery query, CancellationToken cancellationToken)
    {
        StudyQueryValidation.Validate(query);
        await using var command = _dataSource.CreateCommand();
        var sql = new StringBuilder($"SELECT {StudySummaryColumns} FROM studies st JOIN patients p ON p.patient_id = st.patient_id WHERE true");
        if (query.PatientId is not null)
        {
            sql.Append(" AND st.patient_id = @patient");
            command.Parameters.Text("patient", query.PatientId);
        }
        if (query.Modality is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM series se WHERE se.study_instance_uid = st.study_instance_uid AND se.modality = @modality)");
            command.Parameters.Text("modality", query.Modality);
        }
        // DA text (yyyyMMdd, "C" collation) sorts like the date it names, so the range is a text comparison.
        if (query.From is { } from)
        {
            sql.Append(" AND st.study_date >= @from");
            command.Parameters.Text("from", from.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }
        if (query.To is { } to)
        {
            sql.Append(" AND st.study_date <= @to");
            command.Parameters.Text("to", to.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }
        sql.Append(" ORDER BY st.study_date IS NULL, st.study_date DESC, st.study_instance_uid LIMIT @limit OFFSET @offset");
        command.Parameters.Integer("limit", query.Limit).Integer("offset", query.Offset);
        command.CommandText = sql.ToString();

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var studies = new List<StudySummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) studies.Add(ReadStudySummary(reader));
        return studies;
    }

    public async Task<StudyDetail?> GetStudyAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        await using var batch = _dataSource.CreateBatch();
        var study = new NpgsqlBatchCommand(
            $"SELECT {StudySummaryColumns} FROM studies st JOIN patients p ON p.patient_id = st.patient_id WHERE st.study_instance_uid = @uid");
        study.Parameters.Text("uid", studyInstanceUid);
        var series = new NpgsqlBatchCommand($"""
            SELECT {SeriesSummaryColumns} FROM series se WHERE se.study_instance_uid = @uid
            ORDER BY se.series_number IS NULL, se.series_number, se.series_instance_uid
            """);
        series.Parameters.Text("uid", studyInstanceUid);
        batch.BatchCommands.Add(study);
        batch.BatchCommands.Add(series);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        var summary = ReadStudySummary(reader);
        var birthDate = reader.GetNullableString(9);
        var sex = reader.GetNullableString(10);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<SeriesSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(ReadSeriesSummary(reader));
        return new StudyDetail(summary, birthDate, sex, list);
    }

    public async Task<SeriesSummary?> GetSeriesAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seriesInstanceUid);
        await using var command = _dataSource.CreateCommand($"SELECT {SeriesSummaryColumns} FROM series se WHERE se.series_instance_uid = @uid");
        command.Parameters.Text("uid", seriesInstanceUid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadSeriesSummary(reader) : null;
    }

    private static StudySummary ReadStudySummary(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetNullableString(3), reader.GetNullableString(4),
        reader.GetNullableString(5), StudyQueryValidation.SplitModalities(reader.GetNullableString(6)),
        checked((int)reader.GetInt64(7)), checked((int)reader.GetInt64(8)));

    private static SeriesSummary ReadSeriesSummary(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetNullableInt32(2), reader.GetNullableString(3), reader.GetNullableString(4),
        checked((int)reader.GetInt64(5)), reader.GetString(6), reader.GetInt32(7));
}
