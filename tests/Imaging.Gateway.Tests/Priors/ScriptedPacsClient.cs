using System.Runtime.CompilerServices;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;
using Imaging.Gateway.Priors;

namespace Imaging.Gateway.Tests.Priors;

/// <summary>A PACS for prior-retrieval tests: answers study-level C-FINDs from a list of studies (matching the modality key
/// unless told to ignore it), series-level ones from their series, and records every request.</summary>
internal sealed class ScriptedPacsClient : IPriorPacsClient
{
    public sealed record Study(string Uid, string PatientId, string Date, string[] SeriesModalities, int Instances);

    public List<Study> Studies { get; } = [];

    /// <summary>Answer as a PACS that neither matches nor returns Modalities in Study.</summary>
    public bool IgnoresModalitiesInStudy { get; set; }

    /// <summary>Thrown by every C-FIND while set.</summary>
    public Exception? FindFailure { get; set; }

    /// <summary>The result of every C-MOVE.</summary>
    public CRetrieveResult MoveResult { get; set; } = new(0x0000, 1, 0, 0, null);

    public List<(QueryRetrieveLevel Level, DicomDataset Identifier, string CallingAe)> Finds { get; } = [];

    public List<(string Destination, string StudyUid, string CallingAe)> Moves { get; } = [];

    public async IAsyncEnumerable<DicomDataset> FindAsync(PriorSourceOptions source, string callingAeTitle, QueryRetrieveLevel level, DicomDataset identifier,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        Finds.Add((level, identifier, callingAeTitle));
        if (FindFailure is not null) throw FindFailure;
        if (level == QueryRetrieveLevel.Series)
        {
            var study = Studies.Single(s => s.Uid == identifier.GetString(DicomTags.StudyInstanceUID));
            for (var i = 0; i < study.SeriesModalities.Length; i++)
            {
                var series = new DicomDataset();
                series.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study.Uid);
                series.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, $"{study.Uid}.{i + 1}");
                series.SetString(DicomTags.Modality, DicomVR.CS, study.SeriesModalities[i]);
                yield return series;
            }
            yield break;
        }
        var modality = identifier.GetString(DicomTags.ModalitiesInStudy);
        foreach (var study in Studies.Where(s => s.PatientId == identifier.GetString(DicomTags.PatientID)))
        {
            if (!IgnoresModalitiesInStudy && !study.SeriesModalities.Contains(modality)) continue;
            var match = new DicomDataset();
            match.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study.Uid);
            match.SetString(DicomTags.StudyDate, DicomVR.DA, study.Date);
            match.SetString(DicomTags.PatientID, DicomVR.LO, study.PatientId);
            match.SetString(DicomTags.NumberOfStudyRelatedInstances, DicomVR.IS, study.Instances.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!IgnoresModalitiesInStudy) match.SetString(DicomTags.ModalitiesInStudy, DicomVR.CS, [.. study.SeriesModalities.Distinct()]);
            yield return match;
        }
    }

    public Task<CRetrieveResult> MoveStudyAsync(PriorSourceOptions source, string callingAeTitle, string destinationAeTitle, string studyInstanceUid,
        CancellationToken cancellationToken)
    {
        Moves.Add((destinationAeTitle, studyInstanceUid, callingAeTitle));
        return Task.FromResult(MoveResult);
    }
}
