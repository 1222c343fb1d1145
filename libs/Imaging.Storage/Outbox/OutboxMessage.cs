namespace Imaging.Storage;

/// <summary>A message written in the same transaction as the change it announces, waiting to be published.</summary>
/// <param name="MessageType">The contract's full type name, e.g. <c>Imaging.Contracts.SeriesReady</c>.</param>
/// <param name="Payload">The message as System.Text.Json (web defaults: camelCase).</param>
public sealed record OutboxMessage(long Id, string MessageType, string Payload, DateTimeOffset CreatedAt, int Attempts);
