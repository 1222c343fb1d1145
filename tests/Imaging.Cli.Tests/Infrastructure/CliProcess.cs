using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests.Infrastructure;

/// <summary>The imaging command as a real child process (`dotnet imaging.dll ...`), for what only a process shows:
/// exit codes, signals, nothing but one line on stderr.</summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _outputLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { _outputLines.Writer.TryComplete(); _outputClosed.TrySetResult(); return; }
            lock (_output) _output.AppendLine(e.Data);
            _outputLines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) { _errorClosed.TrySetResult(); return; }
            lock (_error) _error.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>The CLI assembly as built next to these tests (the project reference copies it here).</summary>
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "imaging.dll");

    public static CliProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        // The same dotnet that runs the tests; `dotnet test` tells its children where that is.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : ExternalTool.Resolve("dotnet");
        var psi = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        psi.ArgumentList.Add(AssemblyPath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        // Settings of the machine running the tests must not leak into the process under test.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("IMAGING_", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(key);
        if (environment is not null) foreach (var (k, v) in environment) psi.Environment[k] = v;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the imaging process");
        return new CliProcess(process);
    }

    /// <summary>Runs to completion and returns what it printed.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        await using var process = Start(args, environment);
        var exitCode = await process.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(60));
        return new CliResult(exitCode, process.StandardOutput, process.StandardError);
    }

    public string StandardOutput { get { lock (_output) return _output.ToString(); } }

    public string StandardError { get { lock (_error) return _error.ToString(); } }

    /// <summary>Waits until a line of stdout satisfies <paramref name="predicate"/>; fails when the process ends first or the time is up.</summary>
    public async Task<string> WaitForOutputLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _outputLines.Reader.ReadAllAsync(cts.Token))
            {
                if (predicate(line)) return line;
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"No matching output line within {timeout}. stdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }
        throw new InvalidOperationException($"The process closed its output without a matching line. stdout:\n{StandardOutput}\nstderr:\n{StandardError}");
    }

    /// <summary>Asks the process to stop the way systemd or Kubernetes would: SIGTERM.</summary>
    /// <remarks>Straight from libc: .NET can only send SIGKILL, and a `kill` program is not on every minimal image.</remarks>
    public void Terminate()
    {
        const int SigTerm = 15;
        if (SendSignal(Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill({Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>The exit code, after stdout and stderr are fully read; kills the process if it outlives <paramref name="timeout"/>.</summary>
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
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"imaging did not exit within {timeout}. stdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
