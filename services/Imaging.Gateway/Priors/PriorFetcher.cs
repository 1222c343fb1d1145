using System.Diagnostics;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;
using Imaging.Gateway.Pipeline;
using Imaging.Storage;
using Microsoft.Extensions.Logging;

namespace Imaging.Gateway.Priors;

/// <summary>Does one unit of prior work at a time: a look-up (C-FIND each source, plan, record the retrievals) or a
/// retrieval (C-MOVE one study to our AE). Work comes leased from the store, so several gateways share it without doing
/// anything twice; a failed attempt is retried with backoff until <see cref="PriorsOptions.MaximumAttempts"/>.</summary>
public sealed class PriorFetcher(IPriorFetchStore store, IPriorPacsClient client, PriorsOptions options, string localAeTitle, TimeProvider time,
    ILogger<PriorFetcher> logger)
{
    /// <summary>Series-level look-ups per source and look-up, for studies whose Modalities in Study the PACS did not return.</summary>
    internal const int MaximumSeriesQueries = 50;

    /// <summary>How long a look-up may hold its lease (its C-FINDs are each bounded by the source's timeout as well).</summary>
    internal static readonly TimeSpan QueryLease = TimeSpan.FromMinutes(10);

    /// <summary>Leases one due look-up and does it; false when none was due.</summary>
    public async Task<bool> RunQueryAsync(CancellationToken cancellationToken)
    {
        var work = await store.LeasePriorQueryAsync(time.GetUtcNow(), QueryLease, cancellationToken).ConfigureAwait(false);
        if (work is null) return false;
        // The lease's own deadline: past it another gateway may take the row.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(QueryLease - TimeSpan.FromSeconds(30));
        try
        {
            var fetches = await LookUpAsync(work, deadline.Token).ConfigureAwait(false);
            await store.AddPriorFetchesAsync(fetches, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            await store.FinishPriorQueryAsync(work.StudyInstanceUid, time.GetUtcNow(), null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await FailAsync("look-up", work.StudyInstanceUid, work.Attempt, ex, ex.Message, store.FinishPriorQueryAsync, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Leases one due retrieval and does it; false when none was due.</summary>
    public async Task<bool> RunFetchAsync(CancellationToken cancellationToken)
    {
        var longest = options.Sources.Count == 0 ? TimeSpan.FromMinutes(1) : options.Sources.Max(s => s.MoveTimeout);
        var work = await store.LeasePriorFetchAsync(time.GetUtcNow(), longest + TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        if (work is null) return false;
        var source = options.Sources.FirstOrDefault(s => string.Equals(s.Name, work.Source, StringComparison.OrdinalIgnoreCase));
        if (source is null)
        {
            await store.FinishPriorFetchAsync(work.StudyInstanceUid, time.GetUtcNow(), $"source '{work.Source}' is no longer configured", null, cancellationToken)
                .ConfigureAwait(false);
            PriorsMetrics.Failures.Add(1, new("kind", "retrieval"), new("retried", false));
            return true;
        }

        var destination = string.IsNullOrWhiteSpace(source.MoveDestination) ? localAeTitle : source.MoveDestination;
        var started = Stopwatch.GetTimestamp();
        string error;
        Exception? exception = null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(source.MoveTimeout);
        try
        {
            var result = await client.MoveStudyAsync(source, CallingAe(source), destination, work.StudyInstanceUid, deadline.Token).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            PriorsMetrics.MoveDuration.Record(seconds, new KeyValuePair<string, object?>("source", source.Name));
            PriorsLog.Moved(logger, work.StudyInstanceUid, source.Name, destination, result.Completed, result.Failed, result.Warning, result.Status, seconds);
            if (result.Status == 0x0000 && result.Failed == 0)
            {
                PriorsMetrics.Moves.Add(1, new("source", source.Name), new("outcome", "success"));
                await store.FinishPriorFetchAsync(work.StudyInstanceUid, time.GetUtcNow(), null, null, cancellationToken).ConfigureAwait(false);
                return true;
            }
            error = $"C-MOVE final status 0x{result.Status:X4}: {result.Completed} completed, {result.Failed} failed, {result.Warning} warning"
                + (string.IsNullOrWhiteSpace(result.ErrorComment) ? "" : $" ({result.ErrorComment})");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            exception = ex;
            error = deadline.IsCancellationRequested ? $"C-MOVE did not finish within {source.MoveTimeout}" : ex.Message;
        }
        PriorsMetrics.Moves.Add(1, new("source", source.Name), new("outcome", "failure"));
        await FailAsync("retrieval", work.StudyInstanceUid, work.Attempt, exception, error, store.FinishPriorFetchAsync, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Queries every source for the patient's studies in each source's window and plans what to retrieve.</summary>
    internal async Task<IReadOnlyList<PriorFetchRequest>> LookUpAsync(PriorQueryWork work, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var matches = new List<PriorStudyMatch>();
        var windows = new Dictionary<string, (DateOnly From, DateOnly To)>(StringComparer.OrdinalIgnoreCase);
        var wanted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in options.Sources)
        {
            var window = PriorQueryPlanner.Window(work.StudyDate, today, source.LookBackDays);
            windows[source.Name] = window;
            wanted[source.Name] = source.EffectiveModalities;
            var found = await QuerySourceAsync(source, work, window, cancellationToken).ConfigureAwait(false);
            PriorsLog.Queried(logger, source.Name, found.Count, work.StudyInstanceUid, PriorQueryPlanner.RangeKey(window));
            matches.AddRange(found);
        }

        var uids = matches.Select(m => m.StudyInstanceUid).Distinct(StringComparer.Ordinal).ToList();
        var state = await store.GetCandidateStateAsync(work.PatientId, uids, cancellationToken).ConfigureAwait(false);
        var (fetches, decisions) = PriorQueryPlanner.Plan(work, matches, windows, wanted, state, options.MaximumStudiesPerPatient);
        foreach (var decision in decisions)
        {
            PriorsMetrics.Matches.Add(1, new KeyValuePair<string, object?>("outcome", decision.Outcome.ToString()));
            PriorsLog.Decided(logger, decision.StudyInstanceUid, decision.Source, decision.Outcome);
        }
        return fetches;
    }

    private async Task<List<PriorStudyMatch>> QuerySourceAsync(PriorSourceOptions source, PriorQueryWork work, (DateOnly From, DateOnly To) window,
        CancellationToken cancellationToken)
    {
        var byUid = new Dictionary<string, (string? Date, HashSet<string> Modalities, int? Count, string? Patient)>(StringComparer.Ordinal);
        // One query per modality: a single value is the matching every PACS implements (several values in one key are not
        // standard matching); a study with two wanted modalities comes back twice and is merged.
        foreach (var modality in source.EffectiveModalities)
        {
            var identifier = new DicomDataset();
            identifier.SetString(DicomTags.PatientID, DicomVR.LO, work.PatientId);
            identifier.SetString(DicomTags.StudyDate, DicomVR.DA, PriorQueryPlanner.RangeKey(window));
            identifier.SetString(DicomTags.ModalitiesInStudy, DicomVR.CS, modality);
            identifier.SetString(DicomTags.StudyInstanceUID, DicomVR.UI);
            identifier.SetString(DicomTags.NumberOfStudyRelatedInstances, DicomVR.IS);
            var count = 0;
            try
            {
                await foreach (var response in client.FindAsync(source, CallingAe(source), QueryRetrieveLevel.Study, identifier, cancellationToken).ConfigureAwait(false))
                {
                    if (++count > options.MaximumMatchesPerQuery)
                    {
                        // Leaving the enumeration cancels the rest of the C-FIND (C-CANCEL-RQ).
                        PriorsLog.TooManyMatches(logger, source.Name, options.MaximumMatchesPerQuery, work.StudyInstanceUid);
                        break;
                    }
                    var uid = response.GetString(DicomTags.StudyInstanceUID)?.Trim().TrimEnd('\0');
                    if (string.IsNullOrEmpty(uid)) continue;
                    var modalities = ReadCodes(response.GetStrings(DicomTags.ModalitiesInStudy));
                    if (byUid.TryGetValue(uid, out var known)) known.Modalities.UnionWith(modalities);
                    else byUid[uid] = (response.GetString(DicomTags.StudyDate)?.Trim(), modalities, ReadCount(response), response.GetString(DicomTags.PatientID));
                }
                PriorsMetrics.Queries.Add(1, new("source", source.Name), new("outcome", "success"));
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                PriorsMetrics.Queries.Add(1, new("source", source.Name), new("outcome", "failure"));
                throw;
            }
        }

        // A PACS that does not return Modalities in Study is asked per series for the studies it reported.
        var seriesQueries = 0;
        foreach (var (uid, entry) in byUid)
        {
            if (entry.Modalities.Count > 0 || !DicomUidValidator.IsValid(uid) || ++seriesQueries > MaximumSeriesQueries) continue;
            var identifier = new DicomDataset();
            identifier.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, uid);
            identifier.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI);
            identifier.SetString(DicomTags.Modality, DicomVR.CS);
            var count = 0;
            await foreach (var response in client.FindAsync(source, CallingAe(source), QueryRetrieveLevel.Series, identifier, cancellationToken).ConfigureAwait(false))
            {
                if (++count > options.MaximumMatchesPerQuery) break;
                entry.Modalities.UnionWith(ReadCodes(response.GetStrings(DicomTags.Modality)));
            }
            PriorsMetrics.Queries.Add(1, new("source", source.Name), new("outcome", "success"), new("level", "series"));
        }
        return [.. byUid.Select(p => new PriorStudyMatch(source.Name, p.Key, p.Value.Date, p.Value.Modalities, p.Value.Count, p.Value.Patient))];
    }

    private static HashSet<string> ReadCodes(string[] values)
    {
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            var code = value.Trim();
            if (code.Length is > 0 and <= 16) codes.Add(code.ToUpperInvariant());
        }
        return codes;
    }

    private static int? ReadCount(DicomDataset response)
    {
        try
        {
            return response.GetInteger(DicomTags.NumberOfStudyRelatedInstances) is { } n and >= 0 and <= int.MaxValue ? (int)n : null;
        }
        catch (FormatException)
        {
            // A malformed IS from a peer is a count we do not know, not a failed look-up.
            return null;
        }
    }

    private string CallingAe(PriorSourceOptions source) => string.IsNullOrWhiteSpace(source.CallingAeTitle) ? localAeTitle : source.CallingAeTitle;

    private async Task FailAsync(string kind, string studyInstanceUid, int attempt, Exception? exception, string error,
        Func<string, DateTimeOffset, string?, DateTimeOffset?, CancellationToken, Task> finish, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? retryAt = attempt >= options.MaximumAttempts ? null : now + Backoff.Delay(attempt, options.InitialBackoff, options.MaximumBackoff);
        PriorsMetrics.Failures.Add(1, new("kind", kind), new("retried", retryAt is not null));
        PriorsLog.AttemptFailed(logger, exception, kind, studyInstanceUid, attempt, retryAt is { } at ? $"retrying at {at:O}" : "giving up");
        await finish(studyInstanceUid, now, string.IsNullOrWhiteSpace(error) ? kind + " failed" : error, retryAt, cancellationToken).ConfigureAwait(false);
    }
}
