using System.Runtime.CompilerServices;
using Imaging.Dicom.Data;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>A query/retrieve provider that fails the way a broken index or disk does: C-FIND yields one record and then
/// throws; C-MOVE and C-GET throw while resolving.</summary>
internal sealed class ThrowingQueryProvider(Func<Exception> failure) : ICFindProvider, ICMoveProvider, ICGetProvider
{
    /// <summary>Text that must never reach the peer: it stands for paths and other internals in a real exception.</summary>
    public const string Secret = "/var/secret/index.db";

    public static Exception Create(string kind) => kind switch
    {
        "io" => new IOException($"read error on {Secret}"),
        "cancelled" => new TaskCanceledException($"the index query to {Secret} timed out"),
        "unauthorized" => new UnauthorizedAccessException($"access to {Secret} is denied"),
        "invalid" => new InvalidOperationException($"index {Secret} is corrupt"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public async IAsyncEnumerable<DicomDataset> FindAsync(CFindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield return QueryTestData.Header(0);
        throw failure();
    }

    public ValueTask<IReadOnlyList<string>> ResolveAsync(CRetrieveRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromException<IReadOnlyList<string>>(failure());
}
