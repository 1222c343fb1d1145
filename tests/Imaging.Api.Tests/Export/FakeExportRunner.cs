using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Imaging.Export;

namespace Imaging.Api.Tests.Export;

/// <summary>A test double of the export runner: writes a small fake output (a ZIP or a folder with a manifest and one file per
/// instance), reports progress per instance, and can be held at a gate, made to fail, or cancelled (removing its partial output).</summary>
public sealed class FakeExportRunner : IExportRunner
{
    private readonly ConcurrentQueue<ExportRequest> _requests = new();

    /// <summary>Instances the fake "exports".</summary>
    public int Instances { get; set; } = 10;

    /// <summary>When set, the run waits here after its first progress report (the job is then visibly running).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completes when a run has reached the gate.</summary>
    public TaskCompletionSource AtGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Thrown after the first instance when set.</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyList<ExportRequest> Requests => [.. _requests];

    public async Task<ExportResult> RunAsync(ExportRequest request, IProgress<ExportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _requests.Enqueue(request);
        if (request.IsZip ? File.Exists(request.OutputPath) : Directory.Exists(request.OutputPath) && Directory.EnumerateFileSystemEntries(request.OutputPath).Any())
            throw new ExportException($"The output {request.OutputPath} already exists.");
        // Written beside the target and moved at the end, as a real runner does, so a crash leaves only the partial file.
        var partial = request.IsZip ? request.OutputPath + ".partial" : request.OutputPath;
        var started = DateTime.UtcNow;
        long bytes = 0;
        try
        {
            var entries = new List<(string Name, byte[] Data)>();
            for (var i = 0; i < Instances; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var data = Encoding.ASCII.GetBytes($"DICM fake instance {i} of {string.Join(",", request.Options.Names)}");
                entries.Add(($"P-FAKE/S-FAKE/{i:D4}.dcm", data));
                bytes += data.Length;
                progress?.Report(new ExportProgress(Instances, i + 1, 0, 0, bytes));
                if (i == 0)
                {
                    if (Failure is { } failure) throw failure;
                    if (Gate is { } gate)
                    {
                        AtGate.TrySetResult();
                        await gate.Task.WaitAsync(cancellationToken);
                    }
                }
            }
            entries.Add(("manifest.json", Encoding.UTF8.GetBytes($$"""{"profile":"{{string.Join(",", request.Options.Names)}}","instances":{{Instances}}}""")));
            if (request.IsZip)
            {
                await using (var stream = new FileStream(partial, FileMode.CreateNew))
                await using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
                {
                    foreach (var (name, data) in entries)
                    {
                        await using var entry = await zip.CreateEntry(name).OpenAsync(cancellationToken);
                        await entry.WriteAsync(data, cancellationToken);
                    }
                }
                File.Move(partial, request.OutputPath);
            }
            else
            {
                foreach (var (name, data) in entries)
                {
                    var path = Path.Combine(request.OutputPath, name);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await File.WriteAllBytesAsync(path, data, cancellationToken);
                }
            }
        }
        catch
        {
            if (request.IsZip) File.Delete(partial);
            else if (Directory.Exists(request.OutputPath)) Directory.Delete(request.OutputPath, recursive: true);
            throw;
        }
        return new ExportResult(request.OutputPath, "manifest.json", 1, 1, Instances, 0, 0, bytes, DateTime.UtcNow - started);
    }
}
