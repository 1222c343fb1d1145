namespace Imaging.Export;

/// <summary>An export request that cannot run; the message is one line fit for a CLI error or problem details.</summary>
public sealed class ExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExportException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public ExportException(string message, Exception innerException) : base(message, innerException) { }
}
