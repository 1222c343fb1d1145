namespace Imaging.Cli.Serve;

/// <summary>A dependency the service cannot start without (the index database) is not available.</summary>
internal sealed class ServeStartupException(string message, Exception inner) : Exception(message, inner);
