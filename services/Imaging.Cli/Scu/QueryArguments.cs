using System.CommandLine;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;

namespace Imaging.Cli.Scu;

/// <summary>The query arguments find, move and get share, named as DCMTK's findscu names them: -P / -S for the
/// information model, -k KEY[=VALUE] (a keyword or gggg,eeee tag) for matching and return keys, and the level.</summary>
internal sealed class QueryArguments
{
    public Option<bool> PatientRoot { get; } = new("--patient", "-P") { Description = "Patient Root information model." };

    public Option<bool> StudyRoot { get; } = new("--study", "-S") { Description = "Study Root information model (the default)." };

    public Option<string[]> Keys { get; } = new("--key", "-k")
    {
        Description = "A matching or return key: KEYWORD[=VALUE] or gggg,eeee[=VALUE]; repeat for more. QueryRetrieveLevel=L sets the level.",
        HelpName = "KEY=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Level { get; } = new("--level") { Description = "PATIENT, STUDY, SERIES or IMAGE (default STUDY; PATIENT with -P).", HelpName = "LEVEL" };

    public void AddTo(Command command)
    {
        command.Options.Add(PatientRoot);
        command.Options.Add(StudyRoot);
        command.Options.Add(Keys);
        command.Options.Add(Level);
    }

    /// <summary>The model, level and identifier; or the reason the arguments are unusable (a usage error).</summary>
    public (DicomQuery? Query, string? Problem) Read(ParseResult parseResult)
    {
        var patientRoot = parseResult.GetValue(PatientRoot);
        if (patientRoot && parseResult.GetValue(StudyRoot)) return (null, "-P and -S exclude each other");
        var model = patientRoot ? QueryInformationModel.PatientRoot : QueryInformationModel.StudyRoot;
        QueryRetrieveLevel? level = null;
        if (parseResult.GetValue(Level) is { } levelText)
        {
            if (!QueryRetrieveLevels.TryParse(levelText.ToUpperInvariant(), out var parsed)) return (null, $"--level '{levelText}' is not PATIENT, STUDY, SERIES or IMAGE");
            level = parsed;
        }
        var identifier = new DicomDataset();
        foreach (var key in parseResult.GetValue(Keys) ?? [])
        {
            var equals = key.IndexOf('=');
            var name = (equals < 0 ? key : key[..equals]).Trim();
            var value = equals < 0 ? "" : key[(equals + 1)..];
            if (!TryResolve(name, out var tag, out var vr)) return (null, $"-k '{key}': '{name}' is neither a dictionary keyword nor a gggg,eeee tag");
            if (tag == DicomTags.QueryRetrieveLevel)
            {
                if (!QueryRetrieveLevels.TryParse(value.ToUpperInvariant(), out var fromKey)) return (null, $"-k '{key}': the level must be PATIENT, STUDY, SERIES or IMAGE");
                if (level is { } given && given != fromKey) return (null, $"--level {given.ToCode()} and -k {key} disagree");
                level = fromKey;
                continue;
            }
            if (!DicomVRInfo.IsString(vr)) return (null, $"-k '{key}': {name} has VR {vr}; only text keys can be given on the command line");
            if (value.Length == 0) identifier.SetString(tag, vr);
            else identifier.SetString(tag, vr, value.Split('\\'));
        }
        var resolved = level ?? (patientRoot ? QueryRetrieveLevel.Patient : QueryRetrieveLevel.Study);
        if (model == QueryInformationModel.StudyRoot && resolved == QueryRetrieveLevel.Patient)
            return (null, "the PATIENT level exists only in the Patient Root model (-P)");
        return (new DicomQuery(model, resolved, identifier), null);
    }

    private static bool TryResolve(string name, out DicomTag tag, out DicomVR vr)
    {
        if (DicomDictionary.FindByKeyword(name) is { } entry && !entry.IsRepeating)
        {
            tag = entry.Tag;
            vr = entry.VR;
            return true;
        }
        if (DicomTag.TryParse(name, out tag) && DicomDictionary.Find(tag) is { } byTag)
        {
            vr = byTag.VR;
            return true;
        }
        vr = default;
        return false;
    }
}

/// <summary>What the command line asks to find, move or get.</summary>
internal sealed record DicomQuery(QueryInformationModel Model, QueryRetrieveLevel Level, DicomDataset Identifier);
