namespace Imaging.Deidentification;

/// <summary>Makes <see cref="DicomDeidentifier"/>s keyed by the deployment's <see cref="Pseudonymizer"/>.</summary>
public sealed class DeidentifierFactory(Pseudonymizer pseudonymizer) : IDeidentifierFactory
{
    private readonly Pseudonymizer _pseudonymizer = pseudonymizer ?? throw new ArgumentNullException(nameof(pseudonymizer));

    /// <inheritdoc />
    public IDeidentifier Create(DeidentificationOptions options) => new DicomDeidentifier(_pseudonymizer, options);
}
