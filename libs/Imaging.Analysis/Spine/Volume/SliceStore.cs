namespace Imaging.Analysis.Spine.Volume;

/// <summary>One block for every slice's stored samples, sized from the headers and allocated on first use: hundreds of
/// separate 0.5 MB arrays would each count against the garbage collector's young-generation budget and be copied when
/// promoted.</summary>
internal sealed class SliceStore(long expectedValues)
{
    private short[]? _block;
    private long _used;

    /// <summary>Room for <paramref name="count"/> samples: in the block while it lasts (a header may have understated the
    /// size), else in an array of their own.</summary>
    public (short[] Buffer, int Offset) Allocate(int count)
    {
        var block = LazyInitializer.EnsureInitialized(ref _block,
            () => expectedValues is > 0 and <= int.MaxValue ? GC.AllocateUninitializedArray<short>((int)Math.Min(expectedValues, Array.MaxLength)) : []);
        // A bump allocation that several readers may race for: whoever overshoots gets an array of its own.
        var end = Interlocked.Add(ref _used, count);
        if (end <= block.Length) return (block, (int)(end - count));
        return (GC.AllocateUninitializedArray<short>(count), 0);
    }
}
