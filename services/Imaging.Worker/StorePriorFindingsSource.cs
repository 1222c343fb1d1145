using System.Globalization;
using Imaging.Analysis;
using Imaging.Storage;

namespace Imaging.Worker;

/// <summary>A patient's earlier findings from the index and the findings store: the patient comes from the study being
/// analysed (findings carry no patient identity), then every other study of exactly that Patient ID, and the newest
/// findings record of the asking analyzer per series.</summary>
public sealed class StorePriorFindingsSource(IStudyQueries queries, IFindingsStore findings) : IPriorFindingsSource
{
    /// <summary>Studies read per page; a patient with more is still read whole, page by page.</summary>
    private const int PageSize = 200;

    /// <summary>Pages read at most: 10,000 studies of one patient is not a patient, it is a misconfigured Patient ID.</summary>
    private const int MaximumPages = 50;

    public async Task<PatientHistory> GetHistoryAsync(PriorFindingsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.StudyInstanceUid)) return PatientHistory.Empty;
        var current = await queries.GetStudyAsync(request.StudyInstanceUid, cancellationToken).ConfigureAwait(false);
        var patientId = current?.Study.PatientId;
        // An empty Patient ID would join every anonymous study into one "patient".
        if (string.IsNullOrWhiteSpace(patientId)) return PatientHistory.Empty;

        var result = new List<PriorFindings>();
        for (var page = 0; page < MaximumPages; page++)
        {
            var studies = await queries.QueryStudiesAsync(new StudyQuery(PatientId: patientId, Limit: PageSize, Offset: page * PageSize), cancellationToken).ConfigureAwait(false);
            foreach (var study in studies)
            {
                // The query filters on the Patient ID already; checking again keeps another patient's scan out whatever a
                // store's matching rules (case, padding) are.
                if (study.StudyInstanceUid == request.StudyInstanceUid || !string.Equals(study.PatientId, patientId, StringComparison.Ordinal)) continue;
                var detail = await queries.GetStudyAsync(study.StudyInstanceUid, cancellationToken).ConfigureAwait(false);
                if (detail is null) continue;
                var date = ParseDate(study.StudyDate);
                foreach (var series in detail.Series)
                {
                    var records = await findings.GetFindingsAsync(series.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);
                    var newest = records.Where(r => r.Analyzer == request.Analyzer).OrderByDescending(r => r.ProducedAt).FirstOrDefault();
                    if (newest is null) continue;
                    result.Add(new PriorFindings(study.StudyInstanceUid, series.SeriesInstanceUid, date, newest.Analyzer, newest.AnalyzerVersion, newest.Payload));
                }
            }
            if (studies.Count < PageSize) break;
        }
        return new PatientHistory(result);
    }

    private static DateOnly? ParseDate(string? da) =>
        DateOnly.TryParseExact(da?.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
