namespace Imaging.Cli.Export;

/// <summary>How `imaging export` shows progress on stderr.</summary>
internal enum ExportProgressMode
{
    /// <summary>Nothing (--quiet).</summary>
    None,

    /// <summary>One line redrawn in place: stderr is a terminal.</summary>
    Bar,

    /// <summary>A plain line every tenth of the way (and at least every <see cref="ExportProgressDisplay.LineInterval"/>): stderr is a file or pipe.</summary>
    Lines,
}
