using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Imaging.Dicom.Tests.Support;
using Imaging.Pipeline.Tests.Support;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>One `imaging serve` child process (`dotnet imaging.dll serve ...`) with everything it printed kept in memory,
/// so a failing test can show it, and so a test can wait for a log line instead of sleeping.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(ServeSpec spec, Process process)
    {
        Spec = spec;
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data, _outputClosed, "");
        process.ErrorDataReceived += (_, e) => Append(e.Data, _errorClosed, "stderr: ");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What this process was started with (a restart starts the same spec again).</summary>
    public ServeSpec Spec { get; }

    public string Name => Spec.Name;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line printed so far (stderr lines prefixed), in arrival order.</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    /// <summary>Starts the process; it is not ready yet (see <see cref="WaitUntilHealthyAsync"/>).</summary>
    public static ServeProcess Start(ServeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // The same dotnet that runs the tests; `dotnet test` tells its children where that is.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : ExternalTool.Resolve("dotnet");
        var psi = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = spec.DataDirectory,
        };
        psi.ArgumentList.Add(ImagingProgram.AssemblyPath);
        foreach (var argument in spec.Arguments()) psi.ArgumentList.Add(argument);
        // Settings of the machine running the tests must not leak into the processes under test.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("IMAGING_", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(key);
        foreach (var (key, value) in spec.Environment) psi.Environment[key] = value;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {spec.Name}");
        return new ServeProcess(spec, process);
    }

    /// <summary>Waits until GET /health answers 200 (database reachable, data folder present, gateway listening).</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        await Eventually.UntilAsync(async () =>
        {
            if (HasExited) throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was healthy.\n{Describe()}");
            try
            {
                using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{Spec.HttpPort}/health"));
                return response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, timeout, () => $"{Name} healthy on port {Spec.HttpPort}.\n{Describe()}");
    }

    /// <summary>GET /health's body; null when the process does not answer.</summary>
    public async Task<System.Text.Json.JsonElement?> GetHealthAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{Spec.HttpPort}/health"));
            using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Waits until a printed line (already printed, or printed later) satisfies <paramref name="predicate"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, string what)
    {
        string? found = null;
        await Eventually.UntilAsync(() =>
        {
            found = Lines.FirstOrDefault(predicate);
            if (found is null && HasExited) throw new InvalidOperationException($"{Name} exited before printing {what}.\n{Describe()}");
            return found is not null;
        }, timeout, () => $"{Name} printing {what}.\n{Describe()}");
        return found!;
    }

    public bool Printed(string text) => Lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>SIGTERM, as systemd or Kubernetes stop a service; then waits for the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        const int SigTerm = 15;
        if (!HasExited && SendSignal(Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill({Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
        return await WaitForExitAsync(timeout);
    }

    /// <summary>SIGKILL (kill -9): no shutdown code runs, open connections are dropped by the kernel.</summary>
    public async Task KillAsync()
    {
        if (!HasExited) _process.Kill(entireProcessTree: false);
        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The exit code, once the output is fully read.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(_outputClosed.Task, _errorClosed.Task).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}.\n{Describe()}");
        }
        return _process.ExitCode;
    }

    /// <summary>The process and its last lines, for failure messages. Long lines (exception stack traces on one line) are
    /// cut: the first few hundred characters say what failed.</summary>
    public string Describe(int lastLines = 120, int lineLength = 400)
    {
        var lines = Lines;
        var state = HasExited ? $"exited with code {_process.ExitCode}" : "running";
        var text = new StringBuilder($"----- {Name} (pid {Id}, {state}, {lines.Count} lines");
        text.Append(lines.Count > lastLines ? $", last {lastLines}) -----\n" : ") -----\n");
        foreach (var line in lines.Skip(Math.Max(0, lines.Count - lastLines)))
            text.AppendLine(line.Length > lineLength ? line[..lineLength] + " [...]" : line);
        return text.ToString();
    }

    private void Append(string? line, TaskCompletionSource closed, string prefix)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (_lines) _lines.Add(prefix + line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>Kills what is still running: the tests are over, a clean stop would only cost time.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
