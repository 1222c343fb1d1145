using System.CommandLine;
using Microsoft.Extensions.Hosting;

namespace Imaging.Cli.Serve;

/// <summary>`imaging serve`: runs the service until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder, created when missing (default ./data).", HelpName = "DIR" };
        var dicomPort = new Option<int>("--dicom-port") { Description = "DICOM port of the gateway (default 11112).", HelpName = "N" };
        var httpPort = new Option<int>("--http-port") { Description = "HTTP port for /health (default 8080).", HelpName = "N" };
        var httpBind = new Option<string>("--http-bind") { Description = "Address HTTP listens on (default 127.0.0.1).", HelpName = "ADDRESS" };
        var aeTitle = new Option<string>("--ae-title") { Description = "AE title of the gateway (default IMAGING).", HelpName = "AET" };
        var role = new Option<string>("--role") { Description = "Run one role: gateway, worker or api (default all, in one process).", HelpName = "ROLE" };
        var rabbitMq = new Option<string>("--rabbitmq") { Description = "RabbitMQ broker URI (default: the in-memory bus).", HelpName = "URI" };
        var postgres = new Option<string>("--postgres") { Description = "PostgreSQL connection string (default: SQLite in the data folder).", HelpName = "CONNSTRING" };
        var demo = new Option<bool>("--demo") { Description = "Seed the demo patient once started (see 'imaging demo'; IMAGING_DEMO__ENABLED)." };
        var command = new Command("serve",
            "Run the service. Settings come from appsettings.json beside the program, then IMAGING_* environment variables " +
            "(IMAGING_DATADIRECTORY, IMAGING_DICOMPORT, IMAGING_HTTPPORT, IMAGING_HTTPBIND, IMAGING_AETITLE, IMAGING_ROLE, " +
            "IMAGING_RABBITMQ, IMAGING_POSTGRES, and section keys such as IMAGING_GATEWAY__TLS__PORT, IMAGING_GATEWAY__SERIESQUIETTIMEOUT, " +
            "IMAGING_MESSAGING__RETRYLIMIT), then these options.")
        {
            data, dicomPort, httpPort, httpBind, aeTitle, role, rabbitMq, postgres, demo,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            void Take<T>(Option<T> option, string key)
            {
                if (parseResult.GetResult(option) is { Implicit: false }) overrides[key] = Convert.ToString(parseResult.GetValue(option), System.Globalization.CultureInfo.InvariantCulture);
            }
            Take(data, nameof(ServeOptions.DataDirectory));
            Take(dicomPort, nameof(ServeOptions.DicomPort));
            Take(httpPort, nameof(ServeOptions.HttpPort));
            Take(httpBind, nameof(ServeOptions.HttpBind));
            Take(aeTitle, nameof(ServeOptions.AeTitle));
            Take(role, nameof(ServeOptions.Role));
            Take(rabbitMq, nameof(ServeOptions.RabbitMq));
            Take(postgres, nameof(ServeOptions.Postgres));
            if (parseResult.GetValue(demo)) overrides[$"{Demo.DemoOptions.SectionName}:{nameof(Demo.DemoOptions.Enabled)}"] = "true";
            return RunAsync(overrides, parseResult.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>Binds and checks the settings, then runs the host until <paramref name="cancellationToken"/> fires or the
    /// process is asked to stop.</summary>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> commandLine, TextWriter error, CancellationToken cancellationToken)
    {
        var configuration = ServeConfiguration.Build(commandLine);
        ServeOptions options;
        Imaging.Gateway.GatewayOptions gateway;
        Demo.DemoOptions demo;
        try
        {
            options = ServeConfiguration.Bind(configuration);
            gateway = ServeConfiguration.BindGateway(configuration, options);
            demo = Demo.DemoHost.Bind(configuration);
        }
        catch (InvalidOperationException ex)
        {
            return await FailAsync(error, ExitCodes.BadInput, $"invalid setting: {ex.Message}");
        }
        // The gateway copies the data folder, port and AE title from the serve options; checking it only once those
        // are valid keeps one problem from being reported twice under two names.
        var problems = options.Validate();
        if (problems.Count == 0) problems = gateway.Validate();
        if (problems.Count == 0) problems = demo.Validate(options.Role);
        if (problems.Count > 0) return await FailAsync(error, ExitCodes.BadInput, $"invalid setting: {string.Join("; ", problems)}");

        try
        {
            Directory.CreateDirectory(Path.GetFullPath(options.DataDirectory));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return await FailAsync(error, ExitCodes.BadInput, $"cannot create data folder '{options.DataDirectory}': {ex.Message}");
        }

        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = ServeHost.Create(options, configuration, gateway);
        }
        catch (Imaging.Api.Security.SecurityConfigurationException ex)
        {
            // Bad Auth settings, or a non-loopback bind without any credential configured (issue 8).
            return await FailAsync(error, ExitCodes.BadInput, ex.Message);
        }
        try
        {
            // Stops on the token, Ctrl+C or SIGTERM (the host's console lifetime), then disposes the host.
            await ((IHost)app).RunAsync(cancellationToken);
            return ExitCodes.Success;
        }
        catch (IOException ex)
        {
            // Kestrel reports a port that is taken (or an address we may not bind) this way.
            return await FailAsync(error, ExitCodes.Failure, $"cannot listen on {options.HttpBind}:{options.HttpPort}: {ex.Message}");
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            // The DICOM listeners bind in the gateway's start.
            return await FailAsync(error, ExitCodes.Failure, $"cannot listen on DICOM port {gateway.Port} (TLS {gateway.Tls.Port}): {ex.Message}");
        }
        catch (ServeStartupException ex)
        {
            return await FailAsync(error, ExitCodes.Failure, ex.Message);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            return await FailAsync(error, ExitCodes.BadInput, $"cannot load the TLS certificate '{gateway.Tls.CertificatePath}': {ex.Message}");
        }
    }

    private static async Task<int> FailAsync(TextWriter error, int exitCode, string message)
    {
        await error.WriteLineAsync($"imaging: serve: {ImagingCommand.OneLine(message)}");
        return exitCode;
    }
}
