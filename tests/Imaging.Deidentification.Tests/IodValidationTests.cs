using Imaging.Deidentification.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Deidentification.Tests;

public sealed class IodValidationTests
{
    [Theory]
    [InlineData("seeded")]
    [InlineData("ct_mr/CT_LCTSC_chest_TCIA.dcm")]
    [InlineData("nm/NM-MONO2-16-13x-heart.dcm")]
    public async Task Dciodvfy_finds_no_error_the_input_did_not_have(string input)
    {
        using var temp = new TempFolder();
        string before, after;
        if (input == "seeded")
        {
            before = DeidentificationKit.Write(IdentifyingDataset.Create().Dataset, temp.File("in.dcm"));
            var seeded = IdentifyingDataset.Create();
            DeidentificationKit.Create("basic,retain-longitudinal-modified-dates").Deidentify(seeded.Dataset);
            after = DeidentificationKit.Write(seeded.Dataset, temp.File("out.dcm"));
        }
        else
        {
            before = TestPaths.Corpus(input);
            var file = DicomFileReader.Read(before);
            file.Dataset.SetString(new DicomTag(0x0028, 0x0301), DicomVR.CS, "NO");
            DeidentificationKit.Create("basic,retain-longitudinal-modified-dates").Deidentify(file.Dataset);
            after = temp.File("out.dcm");
            DicomFileWriter.Write(after, DeidentifiedFile.WithFreshMeta(file));
        }
        var newErrors = (await ErrorsAsync(after)).Except(await ErrorsAsync(before)).ToArray();
        Assert.True(newErrors.Length == 0, string.Join("\n", newErrors));
    }

    private static async Task<HashSet<string>> ErrorsAsync(string path)
    {
        var result = await ExternalTool.RunAsync("dciodvfy", ["-new", path], TimeSpan.FromSeconds(60));
        // Messages name the attribute and the rule; values (UIDs, dates) differ by design, so compare the text before them.
        return (result.StandardError + result.StandardOutput).Split('\n')
            .Where(l => l.StartsWith("Error", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, "= <[^>]*>", "= <>").Trim())
            .ToHashSet(StringComparer.Ordinal);
    }
}
