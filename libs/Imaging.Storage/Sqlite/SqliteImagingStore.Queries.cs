using System.Globalization;
using System.Text;
using Imaging.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage;

/// <summary>The API's read side: studies by patient, modality and date; one study with its series; one series.</summary>
public sealed partial class SqliteImagingStore
{
    private const string StudySummaryColumns = """
        st.study_instance_uid, st.patient_id, p.patient_name, st.study_date, st.study_description, st.accession_number,
        (SELECT group_concat(DISTINCT se.modality) FROM series se WHERE se.study_instance_uid = st.study_instance_uid),
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
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "");
        var sql = new StringBuilder($"SELECT {StudySummaryColumns} FROM studies st JOIN patients p ON p.patient_id = st.patient_id WHERE 1 = 1");
        if (query.PatientId is not null)
        {
            sql.Append(" AND st.patient_id = $patient");
            command.With("$patient", query.PatientId);
        }
        if (query.Modality is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM series se WHERE se.study_instance_uid = st.study_instance_uid AND se.modality = $modality)");
            command.With("$modality", query.Modality);
        }
        // DA text (yyyyMMdd) sorts like the date it names, so the range is a text comparison.
        if (query.From is { } from)
        {
            sql.Append(" AND st.study_date >= $from");
            command.With("$from", from.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }
        if (query.To is { } to)
        {
            sql.Append(" AND st.study_date <= $to");
            command.With("$to", to.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }
        sql.Append(" ORDER BY st.study_date IS NULL, st.study_date DESC, st.study_instance_uid LIMIT $limit OFFSET $offset");
        command.With("$limit", query.Limit).With("$offset", query.Offset);
        command.CommandText = sql.ToString();

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var studies = new List<StudySummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) studies.Add(ReadStudySummary(reader));
        return studies;
    }

    public async Task<StudyDetail?> GetStudyAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        await using var connection = OpenReadConnection();
        StudySummary study;
        string? birthDate, sex;
        await using (var command = connection.Command(null,
            $"SELECT {StudySummaryColumns} FROM studies st JOIN patients p ON p.patient_id = st.patient_id WHERE st.study_instance_uid = $uid"))
        {
            command.With("$uid", studyInstanceUid);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
            study = ReadStudySummary(reader);
            birthDate = reader.GetNullableString(9);
            sex = reader.GetNullableString(10);
        }
        var series = new List<SeriesSummary>();
        await using (var command = connection.Command(null, $"""
            SELECT {SeriesSummaryColumns} FROM series se WHERE se.study_instance_uid = $uid
            ORDER BY se.series_number IS NULL, se.series_number, se.series_instance_uid
            """))
        {
            command.With("$uid", studyInstanceUid);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) series.Add(ReadSeriesSummary(reader));
        }
        return new StudyDetail(study, birthDate, sex, series);
    }

    public async Task<SeriesSummary?> GetSeriesAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seriesInstanceUid);
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, $"SELECT {SeriesSummaryColumns} FROM series se WHERE se.series_instance_uid = $uid")
            .With("$uid", seriesInstanceUid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadSeriesSummary(reader) : null;
    }

    private static StudySummary ReadStudySummary(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetNullableString(3), reader.GetNullableString(4),
        reader.GetNullableString(5), StudyQueryValidation.SplitModalities(reader.GetNullableString(6)), reader.GetInt32(7), reader.GetInt32(8));

    private static SeriesSummary ReadSeriesSummary(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetNullableInt32(2), reader.GetNullableString(3), reader.GetNullableString(4),
        reader.GetInt32(5), reader.GetString(6), reader.GetInt32(7));
}
