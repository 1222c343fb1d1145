namespace Imaging.Cli.Serve;

/// <summary>The roles `imaging serve --role` can run.</summary>
internal static class ServeRoles
{
    public const string All = "all";
    public const string Gateway = "gateway";
    public const string Worker = "worker";
    public const string Api = "api";

    public static readonly IReadOnlyList<string> Names = [All, Gateway, Worker, Api];

    public static bool IsKnown(string? role) => role is not null && Names.Contains(role, StringComparer.Ordinal);

    public static bool RunsGateway(string role) => role is All or Gateway;

    public static bool RunsWorker(string role) => role is All or Worker;

    public static bool RunsApi(string role) => role is All or Api;
}
