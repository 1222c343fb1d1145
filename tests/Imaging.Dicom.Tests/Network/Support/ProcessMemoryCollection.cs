namespace Imaging.Dicom.Tests.Network;

/// <summary>Tests that measure the whole test process's memory: they run alone, after the parallel ones, so that no
/// other test's allocations are counted against them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "Process memory measurements";
}
