using Imaging.Deidentification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.Workspace;

/// <summary>The research pseudonyms of this deployment: one <see cref="Deidentification.Pseudonymizer"/> keyed by the
/// <c>Research</c> key (configured, or generated once in the data folder), shared by the research findings routes
/// and the exports so both name a patient the same way.</summary>
internal sealed partial class ResearchPseudonyms
{
    private readonly Lazy<Pseudonymizer> _pseudonymizer;

    public ResearchPseudonyms(IOptions<ResearchOptions> options, WorkspaceDataFolder folder, ILogger<ResearchPseudonyms> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(folder);
        var value = options.Value;
        _pseudonymizer = new Lazy<Pseudonymizer>(() => Create(value, folder.Path, logger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The keyed pseudonymizer (the key is loaded on first use).</summary>
    public Pseudonymizer Pseudonymizer => _pseudonymizer.Value;

    public string Patient(string patientId) => Pseudonymizer.Patient(patientId);

    public string Study(string studyInstanceUid) => Pseudonymizer.Study(studyInstanceUid);

    private static Pseudonymizer Create(ResearchOptions options, string? dataFolder, ILogger logger)
    {
        var (key, source) = PseudonymKey.Load(options.PseudonymKey, options.PseudonymKeyFile, dataFolder);
        if (source == PseudonymKeySource.Generated) KeyCreated(logger, Path.Combine(dataFolder!, PseudonymKey.FileName));
        if (source == PseudonymKeySource.Ephemeral) EphemeralKey(logger);
        return new Pseudonymizer(key);
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Research pseudonym key created at {Path} (mode 0600); keep it to keep pseudonyms stable")]
    private static partial void KeyCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "No research pseudonym key configured and no data folder: pseudonyms change when the process restarts")]
    private static partial void EphemeralKey(ILogger logger);
}
