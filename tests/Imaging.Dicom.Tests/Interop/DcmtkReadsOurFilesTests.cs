using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Interop;

/// <summary>We write, DCMTK reads: our copies of corpus files, in every uncompressed syntax (encapsulated files in their
/// own), are read by dcmdump without complaint, list the same elements as the original, and dcmconv turns them back
/// into Explicit VR Little Endian with the original's dataset.</summary>
[Collection(DcmtkCollection.Name)]
public class DcmtkReadsOurFilesTests(DcmtkFixture fixture)
{
    /// <summary>A spread of what the corpus holds, kept small because every DCMTK run costs a process start.</summary>
    public static readonly string[] Sources =
    [
        "ct_mr/CT_WG04_CT1_ELE.dcm", // explicit LE, trailing padding element, non-zero preamble
        "ct_mr/MR_brain_TS3_EBE.dcm", // big endian source
        "ct_mr/CT_WG04_CT1_ILE.dcm", // implicit source: our explicit copies carry our dictionary's VRs
        "ct_mr/CT_enhanced_eCT_Supplemental.dcm", // enhanced CT: deeply nested sequences, 1 MB of pixels
        "interop/ts/wave_dfl_Deflated_waveform.dcm", // deflated source, waveform OW
        "interop/structure/GH184_PET_private_nested_SQ.dcm", // encapsulated, private nested sequences
    ];

    public static TheoryData<string> SourceFiles() => new(Sources);

    private static IReadOnlyList<string> TargetsFor(string corpusFile) =>
        ReadWriteCorpus.Read(corpusFile).TransferSyntax.IsEncapsulated
            ? ["same"]
            : ReadWriteCorpus.UncompressedSyntaxes.Select(ReadWriteCorpus.ShortName).ToList();

    private static bool IsImplicit(string corpusFile) => !ReadWriteCorpus.Read(corpusFile).TransferSyntax.IsExplicitVR;

    /// <summary>The reference for an implicit copy of an explicit file: DCMTK's own implicit conversion.</summary>
    private static bool NeedsImplicitReference(string corpusFile) =>
        !IsImplicit(corpusFile) && !ReadWriteCorpus.Read(corpusFile).TransferSyntax.IsEncapsulated;

    private Task<string[]> OurFiles(string corpusFile) => Task.WhenAll(TargetsFor(corpusFile).Select(t => fixture.OurFile(corpusFile, t)));

    /// <summary>All the listings these tests compare, from one dcmdump run: originals, our copies, DCMTK's implicit copies.</summary>
    private Task<Dictionary<string, DcmtkDump>> Dumps() => fixture.Once("dumps of our files", async () =>
    {
        var paths = new List<string>();
        foreach (var source in Sources)
        {
            paths.Add(TestPaths.Corpus(source));
            paths.AddRange(await OurFiles(source));
            if (NeedsImplicitReference(source)) paths.Add(await fixture.DcmconvCorpus(source, "+ti"));
        }
        var dumps = await Dcmtk.DumpManyAsync(paths);
        return paths.Zip(dumps).ToDictionary(p => p.First, p => p.Second);
    });

    /// <summary>dcmdump +uc of our explicit copies of implicit files: DCMTK gives UN elements its dictionary's VR.</summary>
    private Task<Dictionary<string, DcmtkDump>> DumpsWithUnknownVRsConverted() => fixture.Once("+uc dumps of our files", async () =>
    {
        var paths = new List<string>();
        foreach (var source in Sources.Where(IsImplicit))
            foreach (var target in TargetsFor(source).Where(t => t != "ImplicitLE"))
                paths.Add(await fixture.OurFile(source, target));
        var dumps = await Dcmtk.DumpManyAsync(paths, "+uc");
        return paths.Zip(dumps).ToDictionary(p => p.First, p => p.Second);
    });

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public async Task Dcmdump_reads_our_files_without_errors_or_warnings(string corpusFile)
    {
        var dumps = await Dumps();
        var targets = TargetsFor(corpusFile);
        var ours = await OurFiles(corpusFile);
        Assert.Empty(dumps[TestPaths.Corpus(corpusFile)].Diagnostics);
        for (var i = 0; i < targets.Count; i++)
            Assert.True(dumps[ours[i]].Diagnostics.Count == 0, $"{corpusFile} as {targets[i]}:\n{string.Join('\n', dumps[ours[i]].Diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public async Task Dcmdump_lists_the_same_elements_for_our_files_as_for_the_original(string corpusFile)
    {
        var dumps = await Dumps();
        var targets = TargetsFor(corpusFile);
        var ours = await OurFiles(corpusFile);
        var original = DcmdumpListing.Parse(dumps[TestPaths.Corpus(corpusFile)].Listing);
        Assert.NotEmpty(original);
        for (var i = 0; i < targets.Count; i++)
        {
            var expected = original;
            var actual = DcmdumpListing.Parse(dumps[ours[i]].Listing);
            if (targets[i] == "ImplicitLE" && NeedsImplicitReference(corpusFile))
            {
                // DCMTK reads implicit VR with its own dictionary (private tags become UN, pixel data OW): compare with
                // DCMTK's own implicit conversion of the original.
                expected = DcmdumpListing.Parse(dumps[await fixture.DcmconvCorpus(corpusFile, "+ti")].Listing);
            }
            else if (targets[i] != "ImplicitLE" && IsImplicit(corpusFile))
            {
                // Our explicit copy of an implicit file carries our dictionary's VRs (all UN with the bootstrap
                // dictionary); dcmdump +uc gives UN elements the VR of DCMTK's dictionary, as it did reading the
                // original, except that it cannot settle US-or-SS without context. The test below needs no +uc.
                var converted = DcmdumpListing.Parse((await DumpsWithUnknownVRsConverted())[ours[i]].Listing);
                actual = DcmdumpListing.LooseAmbiguous(converted, expected);
                expected = DcmdumpListing.LooseAmbiguous(expected, converted);
            }
            DcmdumpListing.AssertSame(expected, actual, $"{corpusFile} as {targets[i]}");
        }
    }

    [Fact]
    public async Task Dcmdump_lists_real_VRs_for_our_explicit_copy_of_an_implicit_file()
    {
        const string corpusFile = "ct_mr/CT_WG04_CT1_ILE.dcm";
        var dumps = await Dumps();
        // DCMTK knows the GE private tags of this file from its private dictionary; ours need not: private elements are
        // compared by tag and length only.
        var original = DcmdumpListing.LoosePrivate(DcmdumpListing.Parse(dumps[TestPaths.Corpus(corpusFile)].Listing));
        foreach (var target in new[] { "ExplicitLE", "ExplicitBE", "Deflated" })
        {
            var ours = await fixture.OurFile(corpusFile, target);
            DcmdumpListing.AssertSame(original, DcmdumpListing.LoosePrivate(DcmdumpListing.Parse(dumps[ours].Listing)), $"{corpusFile} as {target}");
        }
    }

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public async Task Dcmconv_converts_our_files_back_to_explicit_little_endian_with_the_original_dataset(string corpusFile)
    {
        var original = ReadWriteCorpus.Read(corpusFile);
        // Encapsulated data stays in its syntax (dcmconv would need a codec); native data goes to Explicit VR LE.
        // +uc: for an implicit source our explicit copies hold UN elements (bootstrap dictionary) and DCMTK will not
        // transcode UN pixel data; with the generated dictionary +uc changes nothing.
        string[] flags = original.TransferSyntax.IsEncapsulated ? [] : IsImplicit(corpusFile) ? ["+uc", "+te"] : ["+te"];
        var targets = TargetsFor(corpusFile);
        var ours = await OurFiles(corpusFile);
        var back = await Task.WhenAll(ours.Select(p => fixture.Dcmconv(p, flags)));
        for (var i = 0; i < targets.Count; i++)
        {
            var copy = DicomFileReader.Read(back[i]);
            Assert.Empty(copy.Warnings);
            var expected = original.Dataset;
            if (targets[i] == "ImplicitLE" && NeedsImplicitReference(corpusFile))
            {
                // Through implicit VR DCMTK too loses the VRs its dictionary lacks: compare with its own trip.
                expected = DicomFileReader.Read(await fixture.Dcmconv(await fixture.DcmconvCorpus(corpusFile, "+ti"), "+te")).Dataset;
            }
            // DCMTK trims trailing padding from some text values when it rewrites them, ours or the original alike.
            DatasetComparison.AssertEquivalent(expected, copy.Dataset, DatasetComparisonOptions.Transcoded with { TolerateTrimmedPadding = true },
                $"{corpusFile} as {targets[i]}");
        }
    }
}
