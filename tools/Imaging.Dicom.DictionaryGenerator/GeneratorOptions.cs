namespace Imaging.Dicom.DictionaryGenerator;

/// <summary>Input and output locations, from the command line or the defaults.</summary>
internal sealed record GeneratorOptions(string DicomDic, string PrivateDic, string UidTable, string OutputDirectory)
{
    public const string DefaultDicomDic = "/usr/share/libdcmtk17/dicom.dic";
    public const string DefaultPrivateDic = "/usr/share/libdcmtk17/private.dic";

    private const string SolutionFile = "Imaging.sln";
    private const string UidTableInRepository = "tools/Imaging.Dicom.DictionaryGenerator/uids.tsv";
    private const string OutputInRepository = "libs/Imaging.Dicom/Dictionary";

    public const string Usage =
        """
        Writes DicomDictionary.Generated.cs, DicomTags.Generated.cs and DicomUids.Generated.cs.

        Options:
          --dicom-dic PATH    DCMTK public dictionary (default /usr/share/libdcmtk17/dicom.dic)
          --private-dic PATH  DCMTK private dictionary (default /usr/share/libdcmtk17/private.dic)
          --uids PATH         UID table (default tools/Imaging.Dicom.DictionaryGenerator/uids.tsv)
          --out DIR           output directory (default libs/Imaging.Dicom/Dictionary)
          --help              show this text

        Relative defaults are resolved against the repository root (the folder holding Imaging.sln).
        """;

    /// <summary>Parses <paramref name="args"/>; returns null when help was asked for.</summary>
    public static GeneratorOptions? Parse(IReadOnlyList<string> args, string currentDirectory, string executableDirectory)
    {
        string? dicomDic = null, privateDic = null, uids = null, output = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h" or "-?") return null;
            if (i + 1 >= args.Count) throw new GeneratorException($"Option '{name}' needs a value.\n\n{Usage}");
            var value = args[++i];
            switch (name)
            {
                case "--dicom-dic": dicomDic = value; break;
                case "--private-dic": privateDic = value; break;
                case "--uids": uids = value; break;
                case "--out": output = value; break;
                default: throw new GeneratorException($"Unknown option '{name}'.\n\n{Usage}");
            }
        }

        // The repository root is only needed for the defaults, so explicit paths work from anywhere.
        string? root = null;
        string Root() => root ??= FindRepositoryRoot(currentDirectory) ?? FindRepositoryRoot(executableDirectory)
            ?? throw new GeneratorException($"Cannot find {SolutionFile} above '{currentDirectory}'; pass --uids and --out explicitly.");

        return new GeneratorOptions(
            Path.GetFullPath(dicomDic ?? DefaultDicomDic),
            Path.GetFullPath(privateDic ?? DefaultPrivateDic),
            Path.GetFullPath(uids ?? Path.Combine(Root(), UidTableInRepository)),
            Path.GetFullPath(output ?? Path.Combine(Root(), OutputInRepository)));
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        return null;
    }
}
