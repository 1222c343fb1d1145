using System.CommandLine;

namespace Imaging.Cli.Admin;

/// <summary>`imaging admin ...`: operations on a running pipeline.</summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var command = new Command("admin", "Operate a running pipeline (broker maintenance).");
        command.Subcommands.Add(RedriveCommand.Create());
        return command;
    }
}
