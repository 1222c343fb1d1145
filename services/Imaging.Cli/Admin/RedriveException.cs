namespace Imaging.Cli.Admin;

/// <summary>A redrive that could not go on; the message is one line for the operator. Messages already moved stay moved.</summary>
internal sealed class RedriveException(string message, Exception? inner = null) : Exception(message, inner);
