namespace Imaging.Analysis.Spine.Volume;

/// <summary>One block for every slice's HU values, sized from the headers before decoding: hundreds of separate 1 MB arrays
/// would each count against the garbage collector's young-generation budget and be copied when promoted.</summary>
internal sealed class SliceStore(long expectedValues)
{
    private readonly float[] _block = expectedValues is > 0 and <= int.MaxValue ? GC.AllocateUninitializedArray<float>((int)Math.Min(expectedValues, Array.MaxLength)) : [];
    private long _used;

    /// <summary>Room for <paramref name="count"/> values: in the block while it lasts (a header may have understated the
    /// size), else in an array of their own.</summary>
    public (float[] Buffer, int Offset) Allocate(int count)
    {
        // A bump allocation that several readers may race for: whoever overshoots gets an array of its own.
        var end = Interlocked.Add(ref _used, count);
        if (end <= _block.Length) return (_block, (int)(end - count));
        return (new float[count], 0);
    }
}
