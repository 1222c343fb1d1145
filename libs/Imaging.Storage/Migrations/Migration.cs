namespace Imaging.Storage.Migrations;

/// <summary>One schema step: applied once, in a transaction, recorded in <c>schema_version</c>.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
