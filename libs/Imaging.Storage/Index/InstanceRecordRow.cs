using System.Data.Common;

namespace Imaging.Storage;

/// <summary>The one query and row mapping for a series' instances, shared by the SQLite and PostgreSQL stores; only the
/// parameter marker and the type of <c>received_at</c> differ between them.</summary>
internal static class InstanceRecordRow
{
    /// <summary>Every instance of the series named by <paramref name="seriesParameter"/> (<c>$uid</c> or <c>@uid</c>), in
    /// instance number order, then by UID.</summary>
    public static string SelectBySeries(string seriesParameter) => $"""
        SELECT p.patient_id, p.patient_name, p.birth_date, p.sex,
               st.study_instance_uid, st.study_date, st.study_time, st.study_description, st.accession_number, st.study_id,
               se.series_instance_uid, se.modality, se.series_number, se.series_description, se.body_part_examined,
               i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.transfer_syntax_uid, i.blob_key, i.size_bytes,
               i.calling_ae_title, i.received_at
        FROM instances i
        JOIN series se ON se.series_instance_uid = i.series_instance_uid
        JOIN studies st ON st.study_instance_uid = se.study_instance_uid
        JOIN patients p ON p.patient_id = st.patient_id
        WHERE i.series_instance_uid = {seriesParameter}
        ORDER BY i.instance_number IS NULL, i.instance_number, i.sop_instance_uid
        """;

    /// <summary>Ordinal of <c>received_at</c>, which each store converts itself.</summary>
    public const int ReceivedAtOrdinal = 22;

    public static InstanceRecord Read(DbDataReader reader, DateTimeOffset receivedAt) => new()
    {
        PatientId = reader.GetString(0),
        PatientName = NullableString(reader, 1),
        PatientBirthDate = NullableString(reader, 2),
        PatientSex = NullableString(reader, 3),
        StudyInstanceUid = reader.GetString(4),
        StudyDate = NullableString(reader, 5),
        StudyTime = NullableString(reader, 6),
        StudyDescription = NullableString(reader, 7),
        AccessionNumber = NullableString(reader, 8),
        StudyId = NullableString(reader, 9),
        SeriesInstanceUid = reader.GetString(10),
        Modality = reader.GetString(11),
        SeriesNumber = reader.IsDBNull(12) ? null : reader.GetInt32(12),
        SeriesDescription = NullableString(reader, 13),
        BodyPartExamined = NullableString(reader, 14),
        SopInstanceUid = reader.GetString(15),
        SopClassUid = reader.GetString(16),
        InstanceNumber = reader.IsDBNull(17) ? null : reader.GetInt32(17),
        TransferSyntaxUid = reader.GetString(18),
        BlobKey = reader.GetString(19),
        SizeBytes = reader.GetInt64(20),
        CallingAeTitle = reader.GetString(21),
        ReceivedAt = receivedAt,
    };

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
