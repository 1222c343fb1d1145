using Npgsql;
using NpgsqlTypes;

namespace Imaging.Storage.Postgres;

/// <summary>Typed parameters for the PostgreSQL store: a null still carries its type, so the server never has to guess
/// one (<c>coalesce(@p, column)</c> with an untyped null fails), and statements prepare once per connection.</summary>
internal static class NpgsqlParameterExtensions
{
    public static NpgsqlParameterCollection Text(this NpgsqlParameterCollection parameters, string name, string? value) =>
        Add(parameters, name, NpgsqlDbType.Text, value);

    public static NpgsqlParameterCollection Integer(this NpgsqlParameterCollection parameters, string name, int? value) =>
        Add(parameters, name, NpgsqlDbType.Integer, value);

    public static NpgsqlParameterCollection Bigint(this NpgsqlParameterCollection parameters, string name, long value) =>
        Add(parameters, name, NpgsqlDbType.Bigint, value);

    /// <summary>Npgsql writes only UTC instants to timestamptz; any offset is converted first.</summary>
    public static NpgsqlParameterCollection Instant(this NpgsqlParameterCollection parameters, string name, DateTimeOffset value) =>
        Add(parameters, name, NpgsqlDbType.TimestampTz, value.ToUniversalTime());

    public static NpgsqlParameterCollection Interval(this NpgsqlParameterCollection parameters, string name, TimeSpan value) =>
        Add(parameters, name, NpgsqlDbType.Interval, value);

    public static NpgsqlParameterCollection Jsonb(this NpgsqlParameterCollection parameters, string name, string value) =>
        Add(parameters, name, NpgsqlDbType.Jsonb, value);

    public static NpgsqlParameterCollection BigintArray(this NpgsqlParameterCollection parameters, string name, long[] value) =>
        Add(parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Bigint, value);

    public static NpgsqlParameterCollection TextArray(this NpgsqlParameterCollection parameters, string name, string[] value) =>
        Add(parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Text, value);

    public static NpgsqlParameterCollection InstantArray(this NpgsqlParameterCollection parameters, string name, DateTimeOffset[] value) =>
        Add(parameters, name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Array.ConvertAll(value, static v => v.UtcDateTime));

    private static NpgsqlParameterCollection Add(NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, object? value)
    {
        parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return parameters;
    }

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? GetNullableInt32(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static DateTimeOffset GetInstant(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>Moves a batch's reader to the next result that has columns (statements without RETURNING have none).</summary>
    public static async Task<bool> NextRowsAsync(this NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        while (reader.FieldCount == 0)
        {
            if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false)) return false;
        }
        return true;
    }
}
