namespace Imaging.Dicom.DictionaryGenerator;

/// <summary>Command line entry point: reads the DCMTK dictionaries and the UID table, writes the C# sources.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            var options = GeneratorOptions.Parse(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
            if (options is null)
            {
                Console.WriteLine(GeneratorOptions.Usage);
                return 0;
            }

            var report = SourceGenerator.Run(options);
            foreach (var line in report) Console.WriteLine(line);
            return 0;
        }
        catch (GeneratorException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}

/// <summary>A problem with the inputs or arguments; reported without a stack trace because the fix is in the data.</summary>
internal sealed class GeneratorException(string message) : Exception(message);
