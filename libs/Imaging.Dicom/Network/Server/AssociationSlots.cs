namespace Imaging.Dicom.Network;

/// <summary>Counts established associations against the server's cap; thread-safe.</summary>
internal sealed class AssociationSlots(int capacity)
{
    private int _inUse;

    public int InUse => Volatile.Read(ref _inUse);

    /// <summary>Takes a slot if one is free; a true result must be paired with <see cref="Release"/>.</summary>
    public bool TryTake()
    {
        if (Interlocked.Increment(ref _inUse) <= capacity) return true;
        Interlocked.Decrement(ref _inUse);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _inUse);
}
