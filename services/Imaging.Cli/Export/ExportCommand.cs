using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Imaging.Api.Export;
using Imaging.Cli.Serve;
using Imaging.Export;
using Imaging.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Imaging.Cli.Export;

/// <summary>`imaging export`: a de-identified research export (PS3.15 Annex E) of the store `imaging serve` uses, by patient
/// list and/or criteria, to a folder or a ZIP, with progress on stderr and a summary on stdout.</summary>
internal static class ExportCommand
{
    /// <summary>Exit code of a run stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>Largest --patients-file read.</summary>
    private const long MaximumPatientsFileBytes = 64L * 1024 * 1024;

    /// <param name="configureServices">Runs last on the export's services (tests put their runner there).</param>
    public static Command Create(Action<IServiceCollection>? configureServices = null)
    {
        var patient = new Option<string[]>("--patient") { Description = "A patient ID to export (repeatable).", HelpName = "ID", AllowMultipleArgumentsPerToken = false };
        var patientsFile = new Option<string?>("--patients-file") { Description = "A file with one patient ID per line (# comments and blank lines skipped).", HelpName = "FILE" };
        var modality = new Option<string[]>("--modality") { Description = "Only studies with a series of this modality, e.g. NM (repeatable); only those series are exported.", HelpName = "MODALITY" };
        var from = new Option<string?>("--from") { Description = "Earliest study date, yyyy-MM-dd.", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Latest study date, yyyy-MM-dd.", HelpName = "DATE" };
        var minLesions = new Option<int?>("--min-lesions") { Description = "Only studies whose bone-scan findings count at least N lesions.", HelpName = "N" };
        var flaggedLevel = new Option<string?>("--flagged-level") { Description = "Only studies whose spine findings flag this level, e.g. T7.", HelpName = "LEVEL" };
        var anyFlagged = new Option<bool>("--any-flagged") { Description = "Only studies whose spine findings flag at least one level." };
        var all = new Option<bool>("--all") { Description = "Export every study (required when no patient or criterion is given)." };
        var output = new Option<string>("--out") { Description = "Output: a new or empty folder, or a FILE.zip.", HelpName = "DIR|FILE.zip", Required = true };
        var profile = new Option<string?>("--profile") { Description = $"De-identification options, comma-separated (default {ExportRequestRules.DefaultProfile}); known: {string.Join(", ", Imaging.Deidentification.DeidentificationOptions.OptionNames)}.", HelpName = "OPTIONS" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON instead of a one-line summary." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress on stderr." };
        var config = new Option<string?>("--config") { Description = "An extra settings file (JSON, like appsettings.json), read after appsettings.json and before IMAGING_* variables.", HelpName = "FILE" };
        var data = new Option<string?>("--data") { Description = "Data folder of the service (default as 'imaging serve': ./data, IMAGING_DATADIRECTORY).", HelpName = "DIR" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string of the service (default: SQLite in the data folder).", HelpName = "CONNSTRING" };
        var command = new Command("export",
            "Export a de-identified research cohort (PS3.15 Annex E, keyed pseudonyms) from the service's store: DICOM, findings table and manifest. " +
            "Reads the settings 'imaging serve' reads (appsettings.json, IMAGING_* variables, Research:PseudonymKey) so pseudonyms match the server's. " +
            "Exit codes: 0 done, 1 failed, 2 bad input, 130 cancelled.")
        {
            patient, patientsFile, modality, from, to, minLesions, flaggedLevel, anyFlagged, all, output, profile, json, quiet, config, data, postgres,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(new ExportArguments(
                parseResult.GetValue(patient) ?? [], parseResult.GetValue(patientsFile), parseResult.GetValue(modality) ?? [],
                parseResult.GetValue(from), parseResult.GetValue(to), parseResult.GetValue(minLesions), parseResult.GetValue(flaggedLevel),
                parseResult.GetValue(anyFlagged), parseResult.GetValue(all), parseResult.GetValue(output)!, parseResult.GetValue(profile),
                parseResult.GetValue(json), parseResult.GetValue(quiet), parseResult.GetValue(config), parseResult.GetValue(data), parseResult.GetValue(postgres)),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, configureServices, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(ExportArguments arguments, TextWriter output, TextWriter error, Action<IServiceCollection>? configureServices,
        CancellationToken cancellationToken)
    {
        // Ctrl+C and SIGTERM cancel the export (the runner removes its partial output) instead of killing the process mid-write.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancelKey = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancelKey;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });
        try
        {
            return await RunCoreAsync(arguments, output, error, configureServices, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync("imaging: export: cancelled; partial output removed");
            return Cancelled;
        }
        finally
        {
            Console.CancelKeyPress -= onCancelKey;
        }
    }

    private static async Task<int> RunCoreAsync(ExportArguments arguments, TextWriter output, TextWriter error, Action<IServiceCollection>? configureServices,
        CancellationToken cancellationToken)
    {
        var patients = new List<string>(arguments.Patients);
        if (arguments.PatientsFile is { } file)
        {
            var (read, problem) = await ReadPatientsFileAsync(file, cancellationToken);
            if (problem is not null) return await BadInputAsync(error, $"--patients-file {file}: {problem}");
            patients.AddRange(read);
        }
        var request = new ExportJobRequest(patients, arguments.Modalities, arguments.From, arguments.To, arguments.MinLesions, arguments.FlaggedLevel,
            arguments.AnyFlagged, arguments.All, arguments.Profile);
        if (!ExportRequestRules.TryBuild(request, ExportRequestRules.DefaultProfile, int.MaxValue, out _, out var selection, out var options, out var invalid))
            return await BadInputAsync(error, $"{OptionOf(invalid.Field)}: {invalid.Message}");
        if (string.IsNullOrWhiteSpace(arguments.Output)) return await BadInputAsync(error, "--out: an output folder or FILE.zip is required");
        var outputPath = Path.GetFullPath(arguments.Output);
        if (OutputProblem(outputPath) is { } outputProblem) return await BadInputAsync(error, $"--out {arguments.Output}: {outputProblem}");
        if (arguments.Config is { } configFile && !File.Exists(configFile)) return await BadInputAsync(error, $"--config {configFile}: No such file");

        IConfigurationRoot configuration;
        ServeOptions serve;
        try
        {
            configuration = BuildConfiguration(arguments);
            serve = ServeConfiguration.Bind(configuration);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidDataException)
        {
            return await BadInputAsync(error, $"invalid setting: {ex.Message}");
        }
        var dataDirectory = Path.GetFullPath(serve.DataDirectory);
        if (!Directory.Exists(dataDirectory)) return await BadInputAsync(error, $"data folder {dataDirectory} does not exist (see --data)");
        var sqlite = string.IsNullOrWhiteSpace(serve.Postgres);
        var databasePath = Path.Combine(dataDirectory, "index.db");
        if (sqlite && !File.Exists(databasePath)) return await BadInputAsync(error, $"no index at {databasePath}: is this the service's data folder? (see --data)");

        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            // Progress and the summary are the output; only problems are logged, to stderr.
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddSimpleConsole(o => o.SingleLine = true);
        });
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IImagingStore>(_ => sqlite ? new SqliteImagingStore(databasePath) : new PostgresImagingStore(serve.Postgres!));
        services.AddSingleton<IStudyQueries>(sp => sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<IFindingsStore>(sp => sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<IPatientQueries>(sp => (IPatientQueries)sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<IAuditLog>(sp => (IAuditLog)sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<IBlobStore>(_ => new FileSystemBlobStore(dataDirectory));
        CliExportComposition.AddExportServices(services, configuration, dataDirectory);
        configureServices?.Invoke(services);
        await using var provider = services.BuildServiceProvider();

        IExportRunner runner;
        try
        {
            runner = provider.GetService<IExportRunner>() ?? throw new ExportException("this build has no export runner");
            // The server may not have run since an upgrade; the export reads tables the newest schema has.
            await provider.GetRequiredService<IImagingStore>().MigrateAsync(cancellationToken);
        }
        catch (ExportException ex)
        {
            return await FailAsync(error, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await FailAsync(error, $"cannot open the store: {ex.Message}");
        }

        var display = new ExportProgressDisplay(error, ProgressMode(arguments.Quiet, error), TimeProvider.System);
        ExportResult result;
        try
        {
            result = await runner.RunAsync(new ExportRequest(selection, outputPath, options, ExportUser()), display, cancellationToken);
        }
        catch (ExportException ex)
        {
            display.Complete();
            return await BadInputAsync(error, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            display.Complete();
            return await FailAsync(error, $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            display.Complete();
        }

        if (arguments.Json) await output.WriteLineAsync(JsonSerializer.Serialize(result, CliExportJsonContext.Default.ExportResult));
        else await output.WriteLineAsync(Summary(result));
        return ExitCodes.Success;
    }

    /// <summary>appsettings.json beside the program, the --config file, IMAGING_* variables, then --data/--postgres: the sources
    /// and order `imaging serve` uses, with one optional file more.</summary>
    private static IConfigurationRoot BuildConfiguration(ExportArguments arguments)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (arguments.Data is not null) overrides[nameof(ServeOptions.DataDirectory)] = arguments.Data;
        if (arguments.Postgres is not null) overrides[nameof(ServeOptions.Postgres)] = arguments.Postgres;
        var builder = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        if (arguments.Config is { } config) builder.AddJsonFile(Path.GetFullPath(config), optional: false, reloadOnChange: false);
        return builder.AddEnvironmentVariables(ServeConfiguration.EnvironmentPrefix).AddInMemoryCollection(overrides).Build();
    }

    private static async Task<(List<string> Ids, string? Problem)> ReadPatientsFileAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return ([], "No such file");
        if (info.Length > MaximumPatientsFileBytes) return ([], $"larger than {MaximumPatientsFileBytes / (1024 * 1024)} MiB");
        var ids = new List<string>();
        var number = 0;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            if (ExportRequestRules.CheckPatientId(trimmed) is { } problem) return ([], $"line {number}: {problem}");
            ids.Add(trimmed);
        }
        if (ids.Count == 0) return ([], "no patient IDs in it");
        return (ids, null);
    }

    /// <summary>The runner refuses a non-empty folder or an existing file too; checking first answers before the store is opened.</summary>
    private static string? OutputProblem(string path)
    {
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            if (File.Exists(path) || Directory.Exists(path)) return "already exists";
            var parent = Path.GetDirectoryName(path);
            if (parent is not null && !Directory.Exists(parent)) return $"folder {parent} does not exist";
            return null;
        }
        if (File.Exists(path)) return "is a file (name a folder, or a path ending in .zip)";
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any()) return "folder is not empty";
        return null;
    }

    private static ExportProgressMode ProgressMode(bool quiet, TextWriter error) =>
        quiet ? ExportProgressMode.None
        : ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? ExportProgressMode.Bar
        : ExportProgressMode.Lines;

    /// <summary>Who the audit log and the manifest name: the operating system user running the command.</summary>
    private static string ExportUser() => $"cli:{Environment.UserName}";

    private static string Summary(ExportResult result) => string.Create(CultureInfo.InvariantCulture,
        $"exported {result.Exported} instances ({result.Patients} patients, {result.Studies} studies; {result.Quarantined} quarantined, {result.Failed} failed), " +
        $"{result.BytesWritten / (1024.0 * 1024.0):0.0} MB in {result.Elapsed.TotalSeconds:0.0} s to {result.OutputPath}");

    private static string OptionOf(string field) => field switch
    {
        "patientIds" => "--patient",
        "modalities" => "--modality",
        "from" => "--from",
        "to" => "--to",
        "minLesionCount" => "--min-lesions",
        "flaggedLevel" => "--flagged-level",
        "profile" => "--profile",
        "selection" => "no criteria",
        _ => field,
    };

    private static async Task<int> BadInputAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"imaging: export: {ImagingCommand.OneLine(message.Replace("\"all\": true (--all)", "--all", StringComparison.Ordinal))}");
        return ExitCodes.BadInput;
    }

    private static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"imaging: export: {ImagingCommand.OneLine(message)}");
        return ExitCodes.Failure;
    }
}
