namespace Imaging.EndToEnd.Tests.Support;

/// <summary>How one `imaging serve` process is started: role, ports, data folder, bus, database and environment.
/// Starting the same spec again is a restart on the same ports, data folder and database.</summary>
/// <param name="Name">Shown in failure messages, e.g. <c>worker-2</c>.</param>
/// <param name="Role"><c>all</c>, <c>gateway</c>, <c>worker</c> or <c>api</c>.</param>
/// <param name="RabbitMq">Broker URI; null: the in-memory bus (embedded).</param>
/// <param name="Postgres">Connection string; null: SQLite in the data folder (embedded).</param>
public sealed record ServeSpec(
    string Name,
    string Role,
    string DataDirectory,
    int DicomPort,
    int HttpPort,
    string? RabbitMq,
    string? Postgres,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The AE title every test process answers to.</summary>
    public const string AeTitle = "IMAGING";

    public IEnumerable<string> Arguments()
    {
        yield return "serve";
        yield return "--role";
        yield return Role;
        yield return "--data";
        yield return DataDirectory;
        yield return "--dicom-port";
        yield return DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--http-port";
        yield return HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--ae-title";
        yield return AeTitle;
        if (RabbitMq is not null)
        {
            yield return "--rabbitmq";
            yield return RabbitMq;
        }
        if (Postgres is not null)
        {
            yield return "--postgres";
            yield return Postgres;
        }
    }
}
