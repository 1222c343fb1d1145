namespace Imaging.Cli.Admin;

/// <summary>A redrive that could not go on; the message is one line for the operator. Messages already moved stay moved.</summary>
internal class RedriveException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A queue the redrive needs does not exist.</summary>
internal sealed class MissingQueueException(string queue, Exception? inner = null) : RedriveException($"queue '{queue}' does not exist", inner)
{
    public string Queue { get; } = queue;
}
