using Imaging.Phantoms;

namespace Imaging.Phantoms.Tests;

/// <summary>Phantoms several tests read, generated once per test run (each takes a few hundred milliseconds).</summary>
public sealed class PhantomFixture
{
    public BoneScanStudy Noisy { get; } = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 42 });

    public BoneScanStudy Noiseless { get; } = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 42, PoissonNoise = false });
}
