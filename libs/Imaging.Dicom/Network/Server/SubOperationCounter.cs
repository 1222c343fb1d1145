namespace Imaging.Dicom.Network;

/// <summary>Tallies C-STORE sub-operation outcomes of a C-MOVE or C-GET (PS3.4 C.4.2.1.4) and the SOP Instance UIDs
/// of the failed ones, and decides the final status from them.</summary>
internal sealed class SubOperationCounter(int total)
{
    private readonly List<string> _failedSopInstanceUids = [];
    private int _completed;
    private int _failed;
    private int _warning;

    public SubOperationCounts Counts => new(total - _completed - _failed - _warning, _completed, _failed, _warning);

    /// <summary>The failed instances whose UID is known (a file that could not even be read has none to list).</summary>
    public IReadOnlyList<string> FailedSopInstanceUids => _failedSopInstanceUids;

    /// <param name="status">The C-STORE-RSP status; null when the instance could not be sent at all.</param>
    public void Record(ushort? status, string? sopInstanceUid)
    {
        if (status is { } s && DimseStatus.IsSuccess(s)) _completed++;
        else if (status is { } w && DimseStatus.IsWarning(w)) _warning++;
        else Fail(sopInstanceUid);
    }

    /// <summary>Counts every sub-operation not yet performed as failed (the destination could not be reached).</summary>
    /// <param name="sopInstanceUids">The UIDs of those instances, as far as they are known.</param>
    public void FailRemaining(IEnumerable<string> sopInstanceUids)
    {
        _failedSopInstanceUids.AddRange(sopInstanceUids);
        _failed += Counts.Remaining;
    }

    /// <summary>The final status (PS3.4 C.4.2.3.1, C.4.3.3.1): Cancel when a C-CANCEL left sub-operations undone;
    /// otherwise Success when none failed or warned, Refused (0xA702) when every one failed, and Warning (0xB000)
    /// when some did.</summary>
    public ushort FinalStatus(bool cancelled)
    {
        var counts = Counts;
        if (cancelled && counts.Remaining > 0) return DimseStatus.Cancel;
        if (counts.Failed > 0 && counts.Completed == 0 && counts.Warning == 0) return DimseStatus.OutOfResourcesSubOperations;
        return counts.Failed + counts.Warning > 0 ? DimseStatus.SubOperationsCompleteWithFailures : DimseStatus.Success;
    }

    private void Fail(string? sopInstanceUid)
    {
        _failed++;
        if (!string.IsNullOrEmpty(sopInstanceUid)) _failedSopInstanceUids.Add(sopInstanceUid);
    }
}
