namespace Imaging.Phantoms.Anatomy;

/// <summary>One tracer-avid structure: its shape, its uptake at its thickest point (normal thoracic vertebra = 1), and
/// how deep it lies (cm from the front and from the back) so each view attenuates it differently.</summary>
internal sealed record Structure(string Name, Shape Shape, double Uptake, double FrontDepthCm, double BackDepthCm, SkeletalRegion? Region)
{
    public double Weight(PhantomView view, double attenuationPerCm) =>
        Math.Exp(-attenuationPerCm * (view == PhantomView.Anterior ? FrontDepthCm : BackDepthCm));
}

/// <summary>A soft-tissue part of the body outline: its shape and its front-to-back thickness at its thickest.</summary>
internal sealed record SoftTissue(string Name, Shape Shape, double ThicknessMm);
