using System.Text.Json;

namespace Imaging.Storage;

/// <summary>How a contract becomes an outbox row: its full type name and its System.Text.Json form with web defaults
/// (camelCase). The relay reads rows back with the same options.</summary>
public static class OutboxSerialization
{
    /// <summary>The serializer options of every payload (<see cref="JsonSerializerOptions.Web"/>).</summary>
    public static JsonSerializerOptions Options => JsonSerializerOptions.Web;

    /// <summary>The <see cref="OutboxMessage.MessageType"/> of a contract type.</summary>
    public static string MessageType<T>() => typeof(T).FullName!;

    /// <summary>The <see cref="OutboxMessage.Payload"/> of a message.</summary>
    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Options);
}
