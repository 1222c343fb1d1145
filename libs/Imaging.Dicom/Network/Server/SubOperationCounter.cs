namespace Imaging.Dicom.Network;

/// <summary>Tallies C-STORE sub-operation outcomes of a C-MOVE or C-GET (PS3.4 C.4.2.1.4).</summary>
internal sealed class SubOperationCounter(int total)
{
    private int _completed;
    private int _failed;
    private int _warning;

    public SubOperationCounts Counts => new(total - _completed - _failed - _warning, _completed, _failed, _warning);

    /// <param name="status">The C-STORE-RSP status; null when the instance could not be sent at all.</param>
    public void Record(ushort? status)
    {
        if (status is { } s && DimseStatus.IsSuccess(s)) _completed++;
        else if (status is { } w && DimseStatus.IsWarning(w)) _warning++;
        else _failed++;
    }

    /// <summary>Counts every sub-operation not yet performed as failed (the destination could not be reached).</summary>
    public void FailRemaining() => _failed += Counts.Remaining;
}
