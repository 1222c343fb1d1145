namespace Imaging.Dicom.Network;

/// <summary>How many DIMSE operations may be outstanding at once (PS3.7 D.3.3.3); 0 means unlimited.</summary>
/// <param name="MaximumOperationsInvoked">Operations the sender of this item may have outstanding as invoker.</param>
/// <param name="MaximumOperationsPerformed">Operations the sender of this item is prepared to perform concurrently.</param>
public readonly record struct AsynchronousOperationsWindow(ushort MaximumOperationsInvoked, ushort MaximumOperationsPerformed)
{
    /// <summary>The default when the item is absent: strictly one operation at a time.</summary>
    public static AsynchronousOperationsWindow Synchronous => new(1, 1);
}
