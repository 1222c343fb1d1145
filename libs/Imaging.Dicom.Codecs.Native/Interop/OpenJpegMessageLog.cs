using System.Runtime.InteropServices;
using System.Text;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>Collects OpenJPEG's error and warning messages for one decode, for the exception message.</summary>
internal sealed class OpenJpegMessageLog
{
    // A hostile stream can make the library warn once per code-block; the first few say what went wrong.
    private const int MaximumMessages = 16;

    private readonly List<string> _messages = [];
    private int _dropped;

    public string Text
    {
        get
        {
            lock (_messages)
            {
                var text = new StringBuilder(string.Join("; ", _messages));
                if (_dropped > 0) text.Append($"; {_dropped} more message(s)");
                return text.ToString();
            }
        }
    }

    private void Add(string prefix, string message)
    {
        lock (_messages)
        {
            if (_messages.Count >= MaximumMessages) _dropped++;
            else _messages.Add(prefix + message.Trim());
        }
    }

    /// <summary><c>opj_msg_callback</c> for errors; <paramref name="clientData"/> is a GCHandle to the log.</summary>
    [UnmanagedCallersOnly]
    public static unsafe void OnError(byte* message, void* clientData) => Dispatch("error: ", message, clientData);

    /// <summary><c>opj_msg_callback</c> for warnings.</summary>
    [UnmanagedCallersOnly]
    public static unsafe void OnWarning(byte* message, void* clientData) => Dispatch("warning: ", message, clientData);

    /// <summary><c>opj_msg_callback</c> that drops informational messages (the library's default prints nothing either,
    /// but a shared library built with other defaults must not write to our stderr).</summary>
    [UnmanagedCallersOnly]
    public static unsafe void OnInfo(byte* message, void* clientData)
    {
    }

    private static unsafe void Dispatch(string prefix, byte* message, void* clientData)
    {
        if (clientData is null || message is null) return;
        try
        {
            if (GCHandle.FromIntPtr((IntPtr)clientData).Target is OpenJpegMessageLog log)
                log.Add(prefix, Marshal.PtrToStringUTF8((IntPtr)message) ?? "");
        }
        catch (Exception)
        {
            // An exception must not unwind through the native decoder; losing one message is harmless.
        }
    }
}
