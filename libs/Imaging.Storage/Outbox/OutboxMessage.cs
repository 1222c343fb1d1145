namespace Imaging.Storage;

/// <summary>A message written in the same transaction as the change it announces, waiting to be published.</summary>
/// <param name="MessageType">The contract's full type name, e.g. <c>Imaging.Contracts.SeriesReady</c>.</param>
/// <param name="Payload">The message as System.Text.Json (web defaults: camelCase).</param>
/// <param name="TraceParent">The W3C traceparent of the span that wrote the row (the relay continues its trace), or null.</param>
/// <param name="TraceLinks">Space-separated traceparents the publish span links to (a SeriesReady's instances), or null.</param>
public sealed record OutboxMessage(long Id, string MessageType, string Payload, DateTimeOffset CreatedAt, int Attempts,
    string? TraceParent = null, string? TraceLinks = null);
