namespace Imaging.Storage.DicomWeb;

/// <summary>One page of search results; <see cref="HasMore"/> is true when matches exist beyond it.</summary>
public sealed record QidoPage<T>(IReadOnlyList<T> Items, bool HasMore);
