using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Imaging.Analysis;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Comparison;
using Imaging.Dicom.Dictionary;

namespace Imaging.Cli.Analyze;

/// <summary>`imaging analyze PATH [--prior PATH] [--therapy-date YYYY-MM-DD] [--series UID] [--seg SEG] [--json]`: runs the analyzer
/// that accepts the one analysable series under PATH and prints its findings (a comparison with the prior when given).</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "A DICOM file or a folder (searched recursively)." };
        var prior = new Option<string?>("--prior") { Description = "The patient's earlier scan (file or folder) to compare with." };
        var therapy = new Option<string?>("--therapy-date") { Description = "Date of the last therapy, YYYY-MM-DD (flare caveat, 2+2 rule)." };
        var json = new Option<bool>("--json") { Description = "Print the findings document as JSON instead of a summary." };
        var series = new Option<string?>("--series") { Description = "The Series Instance UID to analyse when PATH holds more than one analysable series." };
        var seg = new Option<string?>("--seg") { Description = "A DICOM SEG (file or folder) of the spine series whose vertebra segments are measured instead of the bodies the analyzer finds." };
        var command = new Command("analyze", "Analyse a series (bone scan, CT or MR spine) and print its findings, compared with a prior scan when given.")
        {
            path, prior, therapy, json, series, seg,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new AnalyzeRequest(parseResult.GetValue(path)!, parseResult.GetValue(prior), parseResult.GetValue(therapy), parseResult.GetValue(json), parseResult.GetValue(series),
                parseResult.GetValue(seg)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(AnalyzeRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        DateOnly? therapyDate = null;
        if (request.TherapyDate is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return await FailAsync(error, $"--therapy-date {text}: expected YYYY-MM-DD");
            therapyDate = parsed;
        }
        if (!File.Exists(request.Path) && !Directory.Exists(request.Path)) return await FailAsync(error, $"{request.Path}: No such file or directory");
        if (request.Prior is { } priorPath && !File.Exists(priorPath) && !Directory.Exists(priorPath))
            return await FailAsync(error, $"--prior {priorPath}: No such file or directory");
        if (request.Seg is { } segPath && !File.Exists(segPath) && !Directory.Exists(segPath))
            return await FailAsync(error, $"--seg {segPath}: No such file or directory");

        // Which series to analyse is decided before any pixel is read: only headers so far.
        var (found, seriesRead, skipped) = AnalysableSeries.Find(request.Path, CliAnalyzers.Create(null), cancellationToken);
        // With --seg the images are analysed, not a SEG that happens to lie beside them.
        if (request.Seg is not null) found = [.. found.Where(f => !SegAnalysis.IsSeg(f))];
        if (request.Series is { } wanted)
        {
            var chosen = found.Where(f => f.SeriesInstanceUid == wanted).ToList();
            if (chosen.Count == 0)
                return await FailAsync(error, $"--series {wanted}: not an analysable series under {request.Path} (analysable: {List(found)})");
            found = chosen;
        }
        if (found.Count == 0)
            return await FailAsync(error, $"{request.Path}: no analysable series ({seriesRead} DICOM series read, {skipped} other files skipped)");
        if (found.Count > 1)
            return await FailAsync(error, $"{request.Path}: {found.Count} analysable series, choose one with --series: {List(found)}");
        var target = found[0];

        IPriorFindingsSource? priors = therapyDate is null ? null : new PathPriorFindingsSource([], therapyDate);
        if (request.Prior is { } prior)
        {
            var (priorFound, _, _) = AnalysableSeries.Find(prior, CliAnalyzers.Create(null), cancellationToken);
            var same = priorFound.Where(p => p.Analyzer.Name == target.Analyzer.Name && p.SeriesInstanceUid != target.SeriesInstanceUid).ToList();
            if (same.Count == 0) return await FailAsync(error, $"--prior {prior}: no other series the {target.Analyzer.Name} analyzer accepts");
            if (PatientIdOf(target) is { } patient && same.Select(PatientIdOf).FirstOrDefault(p => p is not null && p != patient) is { } other)
                return await FailAsync(error, $"--prior {prior}: patient ID {other} is not the analysed scan's {patient}");
            // A SEG beside the prior's images measures them, as --seg does for the analysed series.
            priors = new PathPriorFindingsSource(await PriorSegs.ApplyAsync(same, cancellationToken), therapyDate);
        }

        var analyzer = CliAnalyzers.Create(priors).Single(a => a.Name == target.Analyzer.Name);
        string payload;
        if (request.Seg is { } segInput)
        {
            var (segPayload, problem) = await SegAnalysis.RunAsync(target, analyzer, segInput, cancellationToken);
            if (problem is not null) return await FailAsync(error, $"--seg {segInput}: {problem}");
            payload = segPayload!;
        }
        else
        {
            payload = (await analyzer.AnalyzeAsync(target.Input, cancellationToken)).PayloadJson;
        }
        if (request.Prior is not null && analyzer.Name == BoneScanAnalyzer.AnalyzerName
            && BoneScanPriorSelector.TryParse(payload) is { Comparison: null, Status: TracerStatus.Analysed or TracerStatus.UnknownTracer })
        {
            await error.WriteLineAsync($"imaging: warning: --prior {request.Prior}: no earlier counted bone scan there (same study, later date or not counted); no comparison");
        }
        if (request.Prior is not null && analyzer.Name == SpineAnalyzer.AnalyzerName
            && SpinePriorSelector.TryParse(payload) is { Comparison: null, Vertebrae.Count: > 0 })
        {
            await error.WriteLineAsync($"imaging: warning: --prior {request.Prior}: no earlier spine study with measured levels there (same study, later date or none found); no comparison");
        }
        await output.WriteAsync(request.Json ? Indent(payload) : Summary(analyzer, payload));
        return ExitCodes.Success;
    }

    private static string Summary(ISeriesAnalyzer analyzer, string payload) =>
        analyzer.Name == BoneScanAnalyzer.AnalyzerName && BoneScanPriorSelector.TryParse(payload) is { } boneScan
            ? BoneScanSummary.Format(boneScan)
            // An analyzer without a summary yet still shows what it found.
            : Indent(payload);

    private static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return JsonSerializer.Serialize(document.RootElement, options) + Environment.NewLine;
    }

    private static string? PatientIdOf(AnalysableSeries series)
    {
        var first = series.Input.Instances.FirstOrDefault();
        if (first is null) return null;
        try
        {
            var id = first.File.ReadHeader().Dataset.GetString(DicomTags.PatientID)?.Trim();
            return string.IsNullOrEmpty(id) ? null : id;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A header that read once and not now says nothing about the patient either way.
            return null;
        }
    }

    private static string List(IReadOnlyList<AnalysableSeries> found) => found.Count == 0 ? "none" : string.Join("; ", found.Select(f => f.Describe()));

    private static async Task<int> FailAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"imaging: {ImagingCommand.OneLine(problem)}");
        return ExitCodes.BadInput;
    }
}
