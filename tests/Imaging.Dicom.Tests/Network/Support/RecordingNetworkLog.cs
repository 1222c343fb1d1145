using System.Collections.Concurrent;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Keeps the server's log lines, for assertions and for failure messages.</summary>
internal sealed class RecordingNetworkLog : IDicomNetworkLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public void Write(DicomNetworkLogLevel level, string message, Exception? exception = null) =>
        _lines.Enqueue($"{level}: {message}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");

    public IReadOnlyList<string> Lines => [.. _lines];

    public override string ToString() => string.Join(Environment.NewLine, _lines);
}
