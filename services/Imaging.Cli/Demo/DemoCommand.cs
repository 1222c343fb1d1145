using System.CommandLine;
using System.Globalization;
using Imaging.Cli.Serve;

namespace Imaging.Cli.Demo;

/// <summary>`imaging demo`: `imaging serve --demo` with its own data folder (./demo-data), so the demo patient never lands
/// in the real one by accident.</summary>
internal static class DemoCommand
{
    public const string DefaultDataDirectory = "./demo-data";

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = $"Data folder, created when missing (default {DefaultDataDirectory}).", HelpName = "DIR" };
        var dicomPort = new Option<int>("--dicom-port") { Description = "DICOM port of the gateway (default 11112).", HelpName = "N" };
        var httpPort = new Option<int>("--http-port") { Description = "HTTP port of the API and UI (default 8080).", HelpName = "N" };
        var httpBind = new Option<string>("--http-bind") { Description = "Address HTTP listens on (default 127.0.0.1).", HelpName = "ADDRESS" };
        var command = new Command("demo",
            "Run the service and seed a demo patient (baseline and follow-up bone scans and spine CTs from the phantom generators) " +
            "through its own DICOM port; the console ends with the UI's address. The same as 'imaging serve --demo --data ./demo-data'; " +
            "the Demo section (IMAGING_DEMO__PATIENTID, IMAGING_DEMO__SEED) sets who the patient is. A second start does not seed again.")
        {
            data, dicomPort, httpPort, httpBind,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                [nameof(ServeOptions.DataDirectory)] = DefaultDataDirectory,
                [$"{DemoOptions.SectionName}:{nameof(DemoOptions.Enabled)}"] = "true",
            };
            void Take<T>(Option<T> option, string key)
            {
                if (parseResult.GetResult(option) is { Implicit: false }) overrides[key] = Convert.ToString(parseResult.GetValue(option), CultureInfo.InvariantCulture);
            }
            Take(data, nameof(ServeOptions.DataDirectory));
            Take(dicomPort, nameof(ServeOptions.DicomPort));
            Take(httpPort, nameof(ServeOptions.HttpPort));
            Take(httpBind, nameof(ServeOptions.HttpBind));
            return ServeCommand.RunAsync(overrides, parseResult.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }
}
