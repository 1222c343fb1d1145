using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Imaging.Dicom.Network;
using Imaging.Gateway;
using Imaging.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Imaging.Cli.Demo;

/// <summary>Seeds the demo patient once the host has started: generates the phantoms, C-STOREs the baseline to our own
/// gateway as a modality would, waits until the worker has stored the baseline's findings, then sends the follow-up, so
/// that the worker compares it with the baseline; logs progress and ends with the UI's address. Never seeds twice.</summary>
internal sealed class DemoSeeder(
    DemoOptions options,
    DemoEndpoints endpoints,
    IStudyQueries queries,
    IFindingsStore findings,
    DicomGatewayService gateway,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    /// <summary>How often the store is asked whether the findings have arrived: short next to the analysis, cheap to ask.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly TaskCompletionSource<DemoOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the seeding has ended: with the outcome, the failure, or cancelled when the host stopped first.</summary>
    public Task<DemoOutcome> Completion => _completion.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken).ConfigureAwait(false);
            if (endpoints.ResultsToOwnScp) DemoLog.ResultsToOwnScp(logger, endpoints.AeTitle, gateway.DicomEndPoint?.Port ?? 0, options.ResultsCallingAeTitle);
            _completion.TrySetResult(await SeedAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _completion.TrySetCanceled(stoppingToken);
        }
        catch (Exception ex)
        {
            // The service itself is fine without the demo patient: say why the demo failed and keep serving.
            DemoLog.Failed(logger, ex, options.PatientId, ImagingCommand.OneLine(ex.Message));
            _completion.TrySetException(ex);
        }
    }

    /// <summary>The gateway listens and the worker consumes only once every hosted service has started.</summary>
    private async Task WhenStartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DemoOutcome> SeedAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var existing = await queries.QueryStudiesAsync(new StudyQuery(PatientId: options.PatientId, Limit: 100), cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            DemoLog.AlreadySeeded(logger, options.PatientId, existing.Count, endpoints.UiUrl);
            return new DemoOutcome(false, clock.Elapsed, null);
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        DemoLog.Generating(logger, options.PatientId, options.PatientName, options.Seed,
            today.AddDays(-DemoPhantoms.IntervalDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var staging = Directory.CreateTempSubdirectory("imaging-demo-");
        DemoSeries series;
        try
        {
            var (baselineBoneScan, baselineSpine) = await Task.Run(() => DemoPhantoms.CreateBaseline(options, today), cancellationToken).ConfigureAwait(false);
            var baseline = Path.Combine(staging.FullName, "baseline");
            var baselineFiles = new List<string>();
            baselineFiles.AddRange(await baselineBoneScan.WriteAsync(baseline, "bonescan", cancellationToken).ConfigureAwait(false));
            baselineFiles.AddRange(await baselineSpine.WriteAsync(baseline, "spinect", cancellationToken).ConfigureAwait(false));
            DemoLog.Generated(logger, "baseline", baselineFiles.Count, clock.ElapsedMilliseconds);
            await SendAsync("baseline", baselineFiles, cancellationToken).ConfigureAwait(false);

            // Made while the baseline waits out its quiet timeout and is analysed: that time would otherwise be idle.
            var followUpMade = Task.Run(() => DemoPhantoms.CreateFollowUp(options, today, baselineBoneScan), cancellationToken);
            // The follow-up finds its prior only in stored findings: the baseline must be analysed before it arrives.
            await ReportBoneScanAsync("baseline", DemoSeries.SeriesOf(baselineBoneScan), cancellationToken).ConfigureAwait(false);
            await ReportSpineAsync("baseline", baselineSpine.GroundTruth.SeriesInstanceUid, cancellationToken).ConfigureAwait(false);

            var (followUpBoneScan, followUpSpine) = await followUpMade.ConfigureAwait(false);
            var followUp = Path.Combine(staging.FullName, "follow-up");
            var followUpFiles = new List<string>();
            followUpFiles.AddRange(await followUpBoneScan.WriteAsync(followUp, "bonescan", cancellationToken).ConfigureAwait(false));
            followUpFiles.AddRange(await followUpSpine.WriteAsync(followUp, "spinect", cancellationToken).ConfigureAwait(false));
            DemoLog.Generated(logger, "follow-up", followUpFiles.Count, clock.ElapsedMilliseconds);
            await SendAsync("follow-up", followUpFiles, cancellationToken).ConfigureAwait(false);
            series = DemoSeries.Of(new DemoPhantoms(baselineBoneScan, baselineSpine, followUpBoneScan, followUpSpine));
            await ReportBoneScanAsync("follow-up", series.FollowUpBoneScanSeries, cancellationToken).ConfigureAwait(false);
            await ReportSpineAsync("follow-up", series.FollowUpSpineSeries, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                staging.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover folder in the temporary directory is not worth failing the demo for.
            }
        }

        DemoLog.Ready(logger, Math.Round(clock.Elapsed.TotalSeconds, 1), endpoints.UiUrl, options.PatientId);
        return new DemoOutcome(true, clock.Elapsed, series);
    }

    private async Task SendAsync(string timepoint, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var listening = gateway.DicomEndPoint ?? throw new InvalidOperationException("the DICOM gateway is not listening");
        // A gateway bound to every address is reached on loopback; the demo is this machine's own modality.
        var address = listening.Address.Equals(IPAddress.Any) || listening.Address.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : listening.Address;
        var client = new DicomClient(new DicomClientOptions
        {
            Host = address.ToString(),
            Port = listening.Port,
            CalledAETitle = endpoints.AeTitle,
            CallingAETitle = options.CallingAeTitle,
        });
        var clock = Stopwatch.StartNew();
        var results = await client.StoreAsync(files, cancellationToken).ConfigureAwait(false);
        var stored = 0;
        foreach (var result in results)
        {
            if (result.Status is { } status && IsStored(status))
            {
                stored++;
                continue;
            }
            var reason = result.Status is { } failure ? $"C-STORE status 0x{failure.ToString("X4", CultureInfo.InvariantCulture)}" : result.Error ?? "not sent";
            DemoLog.NotStored(logger, timepoint, result.SopInstanceUid ?? result.FilePath, reason);
        }
        DemoLog.Sent(logger, timepoint, options.CallingAeTitle, endpoints.AeTitle, $"{address}:{listening.Port}", stored, files.Count, clock.ElapsedMilliseconds);
        if (stored != files.Count) throw new InvalidOperationException($"the gateway stored {stored} of the {files.Count} {timepoint} instances");
    }

    /// <summary>Success (0000) or a warning (Bxxx, PS3.4 GG.4): the instance is kept.</summary>
    private static bool IsStored(ushort status) => status == 0 || (status & 0xF000) == 0xB000;

    private async Task ReportBoneScanAsync(string timepoint, string seriesUid, CancellationToken cancellationToken)
    {
        using var payload = await WaitForFindingsAsync(timepoint, seriesUid, "bone-scan", cancellationToken).ConfigureAwait(false);
        var root = payload.RootElement;
        var lesions = root.TryGetProperty("lesions", out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
        var comparison = root.TryGetProperty("comparison", out var c) && c.ValueKind == JsonValueKind.Object ? c : (JsonElement?)null;
        DemoLog.BoneScanAnalysed(logger, timepoint, lesions, Count(comparison, "newCount"), Count(comparison, "persistentCount"), Count(comparison, "resolvedCount"));
    }

    private async Task ReportSpineAsync(string timepoint, string seriesUid, CancellationToken cancellationToken)
    {
        using var payload = await WaitForFindingsAsync(timepoint, seriesUid, "spine", cancellationToken).ConfigureAwait(false);
        var root = payload.RootElement;
        var cement = root.TryGetProperty("vertebrae", out var vertebrae) && vertebrae.ValueKind == JsonValueKind.Array
            ? vertebrae.EnumerateArray().Where(v => v.TryGetProperty("cement", out var flag) && flag.ValueKind == JsonValueKind.True)
                .Select(v => v.TryGetProperty("level", out var level) ? level.GetString() ?? "?" : "?").ToList()
            : [];
        var comparison = root.TryGetProperty("comparison", out var c) && c.ValueKind == JsonValueKind.Object ? c : (JsonElement?)null;
        DemoLog.SpineAnalysed(logger, timepoint, Levels(root, "flaggedLevels"), cement.Count == 0 ? "none" : string.Join(",", cement),
            comparison is { } compared ? Levels(compared, "newFractureLevels") : "no prior", comparison is { } again ? Levels(again, "cementAddedLevels") : "no prior");
    }

    private static string Count(JsonElement? comparison, string name) =>
        comparison is { } c && c.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetRawText() : "-";

    private static string Levels(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var levels) || levels.ValueKind != JsonValueKind.Array || levels.GetArrayLength() == 0) return "none";
        return string.Join(",", levels.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString() : l.GetRawText()));
    }

    /// <summary>Waits, within <see cref="DemoOptions.AnalysisTimeout"/>, for the newest findings of
    /// <paramref name="analyzer"/> on the series and returns their payload.</summary>
    private async Task<JsonDocument> WaitForFindingsAsync(string timepoint, string seriesUid, string analyzer, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.AnalysisTimeout);
        try
        {
            while (true)
            {
                var records = await findings.GetFindingsAsync(seriesUid, timeout.Token).ConfigureAwait(false);
                var newest = records.Where(r => r.Analyzer == analyzer).OrderByDescending(r => r.ProducedAt).FirstOrDefault();
                if (newest is not null) return JsonDocument.Parse(newest.Payload);
                await Task.Delay(PollInterval, time, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no {analyzer} findings for the {timepoint} series {seriesUid} after {options.AnalysisTimeout}");
        }
    }
}
