using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Imaging.Contracts;

namespace Imaging.Gateway.Pipeline;

/// <summary>The message types the outbox relay may publish: the public records of <c>Imaging.Contracts</c>, by full
/// name. An outbox row naming anything else is never turned into an object: a type name from a database row must not
/// choose which code runs.</summary>
public static class ContractTypes
{
    private static readonly FrozenDictionary<string, Type> ByName = typeof(InstanceStored).Assembly.GetExportedTypes()
        .Where(t => t.Namespace == "Imaging.Contracts" && t is { IsClass: true, IsAbstract: false })
        .ToFrozenDictionary(t => t.FullName!, StringComparer.Ordinal);

    /// <summary>Full names of every known contract (e.g. <c>Imaging.Contracts.SeriesReady</c>).</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryResolve(string messageType, [NotNullWhen(true)] out Type? type) => ByName.TryGetValue(messageType, out type);
}
