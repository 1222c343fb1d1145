using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Deidentification.Tests.Support;

/// <summary>Shared pieces of the de-identification tests: a fixed key, de-identifiers for option strings, writing a
/// dataset to a Part 10 file and dumping it with DCMTK.</summary>
public static class DeidentificationKit
{
    /// <summary>A fixed research key, so pseudonyms are the same in every run.</summary>
    public static readonly byte[] Key = Encoding.UTF8.GetBytes("test-research-key-0123456789abcdef");

    /// <summary>The pseudonymizer of <see cref="Key"/>.</summary>
    public static Pseudonymizer Pseudonymizer { get; } = new(Key);

    /// <summary>A de-identifier for a profile string such as "basic,retain-uids".</summary>
    public static DicomDeidentifier Create(string profile = "basic") => new(Pseudonymizer, DeidentificationOptions.Parse(profile));

    /// <summary>A de-identifier for explicit options.</summary>
    public static DicomDeidentifier Create(DeidentificationOptions options) => new(Pseudonymizer, options);

    /// <summary>Writes <paramref name="dataset"/> as Explicit VR Little Endian with a meta group derived from it.</summary>
    public static string Write(DicomDataset dataset, string path)
    {
        DicomFileWriter.Write(path, new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        return path;
    }

    /// <summary><c>dcmdump +L</c> of <paramref name="path"/>; fails the test when DCMTK reports an error.</summary>
    public static async Task<string> DumpAsync(string path)
    {
        var result = await ExternalTool.RunAsync("dcmdump", ["+L", "-q", path], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"dcmdump failed ({result.ExitCode}): {result.StandardError}");
        Assert.DoesNotContain("E: ", result.StandardError, StringComparison.Ordinal);
        return result.StandardOutput;
    }

    /// <summary>The seeded values (in any of their spellings) that <paramref name="text"/> still contains.</summary>
    public static IReadOnlyList<string> Leaks(string text, IEnumerable<SeededValue> seeds) =>
        seeds.SelectMany(s => s.Spellings().Where(v => text.Contains(v, StringComparison.OrdinalIgnoreCase)).Select(v => $"{s.Where}: '{v}'"))
            .Distinct().ToArray();
}
