namespace Imaging.Deidentification;

/// <summary>Makes the <see cref="IDeidentifier"/> for one export's options, keyed by the deployment's
/// <see cref="Pseudonymizer"/> (registered by <c>AddImagingDeidentification</c>).</summary>
public interface IDeidentifierFactory
{
    /// <summary>A de-identifier applying <paramref name="options"/>; cheap enough to call once per export.</summary>
    IDeidentifier Create(DeidentificationOptions options);
}
