namespace Imaging.Cli;

/// <summary>Process exit codes of the imaging command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something failed while running (a port already in use, an unexpected error).</summary>
    public const int Failure = 1;

    /// <summary>The caller's input was wrong: bad arguments or option values, a missing or malformed file.</summary>
    public const int BadInput = 2;
}
