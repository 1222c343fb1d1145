using System.Runtime.CompilerServices;
using Imaging.Dicom.Data;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Holds every C-FIND, C-MOVE and C-GET of an inner index until opened, so a test can act while the operation
/// is running; says when one has started. An operation whose token is cancelled while it waits ends with the
/// cancellation, as a real provider's would.</summary>
internal sealed class GatedQueryProvider(InMemoryQueryIndex inner) : ICFindProvider, ICMoveProvider, ICGetProvider
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    public async IAsyncEnumerable<DicomDataset> FindAsync(CFindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        await foreach (var record in inner.FindAsync(request, cancellationToken)) yield return record;
    }

    public async ValueTask<IReadOnlyList<string>> ResolveAsync(CRetrieveRequest request, CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        return await ((ICMoveProvider)inner).ResolveAsync(request, cancellationToken);
    }
}
