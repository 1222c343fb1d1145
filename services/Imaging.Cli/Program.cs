using System.Text;
using Imaging.Cli;

// Buffered: a dump is thousands of lines and an unbuffered console pays a system call for each.
var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024);
var exitCode = await ImagingCommand.InvokeAsync(args, output, Console.Error, CancellationToken.None);
try
{
    await output.DisposeAsync();
}
catch (IOException)
{
    // Whoever read our output has gone (e.g. `imaging dump x | head`); there is no one left to tell.
}
return exitCode;
