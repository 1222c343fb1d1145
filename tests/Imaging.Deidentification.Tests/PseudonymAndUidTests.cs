using Imaging.Deidentification.Tests.Support;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Deidentification.Tests;

public sealed class PseudonymAndUidTests
{
    private static readonly DicomTag ReferencedSopInstanceUid = new(0x0008, 0x1155);
    private static readonly DicomTag ReferencedSopClassUid = new(0x0008, 0x1150);

    [Fact]
    public void Deidentifying_the_same_input_twice_gives_byte_identical_files()
    {
        var first = IdentifyingDataset.Create();
        var second = IdentifyingDataset.Create();
        var a = DeidentificationKit.Create("basic,retain-longitudinal-modified-dates").Deidentify(first.Dataset);
        var b = DeidentificationKit.Create("basic,retain-longitudinal-modified-dates").Deidentify(second.Dataset);
        Assert.Equal(a, b);
        using var temp = new TempFolder();
        var bytesA = File.ReadAllBytes(DeidentificationKit.Write(first.Dataset, temp.File("a.dcm")));
        var bytesB = File.ReadAllBytes(DeidentificationKit.Write(second.Dataset, temp.File("b.dcm")));
        Assert.Equal(bytesA, bytesB);
    }

    [Fact]
    public void Patient_id_and_name_become_the_keyed_pseudonym()
    {
        var seeded = IdentifyingDataset.Create();
        var outcome = DeidentificationKit.Create().Deidentify(seeded.Dataset);
        var expected = DeidentificationKit.Pseudonymizer.Patient(IdentifyingDataset.PatientId);
        Assert.StartsWith("P-", expected, StringComparison.Ordinal);
        Assert.Equal(expected, outcome.PatientId);
        Assert.Equal(expected, seeded.Dataset.GetString(DicomTags.PatientID));
        Assert.Equal(expected, seeded.Dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void Another_key_gives_other_pseudonyms()
    {
        var other = new DicomDeidentifier(new Pseudonymizer("another-research-key-000000000"u8.ToArray()), new DeidentificationOptions());
        var a = DeidentificationKit.Create().Deidentify(IdentifyingDataset.Create().Dataset);
        var b = other.Deidentify(IdentifyingDataset.Create().Dataset);
        Assert.NotEqual(a.PatientId, b.PatientId);
        Assert.NotEqual(a.SopInstanceUid, b.SopInstanceUid);
    }

    [Fact]
    public void Instance_uids_become_2_25_uids_and_references_resolve_to_the_remapped_instances()
    {
        var referencing = IdentifyingDataset.Create(instance: 1);
        var referenced = IdentifyingDataset.Create(instance: 101);
        var deidentifier = DeidentificationKit.Create();
        var outcome = deidentifier.Deidentify(referencing.Dataset);
        var target = deidentifier.Deidentify(referenced.Dataset);

        Assert.StartsWith("2.25.", outcome.SopInstanceUid, StringComparison.Ordinal);
        Assert.True(outcome.SopInstanceUid.Length <= 64);
        Assert.Equal(outcome.SopInstanceUid, referencing.Dataset.GetString(DicomTag.SopInstanceUid));
        Assert.Equal(outcome.StudyInstanceUid, referencing.Dataset.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(outcome.SeriesInstanceUid, referencing.Dataset.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal(target.StudyInstanceUid, outcome.StudyInstanceUid);
        Assert.Equal(target.SeriesInstanceUid, outcome.SeriesInstanceUid);
        Assert.NotEqual(target.SopInstanceUid, outcome.SopInstanceUid);

        // Referenced Image Sequence (X/Z/U*) and Source Image Sequence point at the other instance's new UID.
        foreach (var sequence in new[] { new DicomTag(0x0008, 0x1140), new DicomTag(0x0008, 0x2112) })
        {
            var item = Assert.Single(referencing.Dataset.GetSequence(sequence)!.Items);
            Assert.Equal(target.SopInstanceUid, item.GetString(ReferencedSopInstanceUid));
        }
        Assert.Equal(referenced.Dataset.GetString(new DicomTag(0x0020, 0x0052)), referencing.Dataset.GetString(new DicomTag(0x0020, 0x0052)));
        Assert.StartsWith("2.25.", referencing.Dataset.GetString(new DicomTag(0x0020, 0x0052)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Well_known_uids_are_never_remapped()
    {
        var seeded = IdentifyingDataset.Create();
        DeidentificationKit.Create().Deidentify(seeded.Dataset);
        Assert.Equal(IdentifyingDataset.NmImageStorage, seeded.Dataset.GetString(DicomTag.SopClassUid));
        var item = Assert.Single(seeded.Dataset.GetSequence(new DicomTag(0x0008, 0x1140))!.Items);
        Assert.Equal(IdentifyingDataset.NmImageStorage, item.GetString(ReferencedSopClassUid));

        var withScheme = new DicomDataset();
        withScheme.SetString(new DicomTag(0x0008, 0x010C), DicomVR.UI, "2.16.840.1.113883.6.96");
        withScheme.SetString(new DicomTag(0x0008, 0x0062), DicomVR.UI, IdentifyingDataset.NmImageStorage);
        withScheme.SetString(new DicomTag(0x0020, 0x0200), DicomVR.UI, "1.2.840.10008.15.1.1");
        DeidentificationKit.Create().Deidentify(withScheme);
        Assert.Equal("2.16.840.1.113883.6.96", withScheme.GetString(new DicomTag(0x0008, 0x010C)));
        Assert.Equal(IdentifyingDataset.NmImageStorage, withScheme.GetString(new DicomTag(0x0008, 0x0062)));
        Assert.Equal("1.2.840.10008.15.1.1", withScheme.GetString(new DicomTag(0x0020, 0x0200)));

        using var temp = new TempFolder();
        var dump = await DeidentificationKit.DumpAsync(DeidentificationKit.Write(seeded.Dataset, temp.File("out.dcm")));
        Assert.Contains("=LittleEndianExplicit", dump, StringComparison.Ordinal);
        Assert.Contains("=NuclearMedicineImageStorage", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void Retain_uids_keeps_every_uid()
    {
        var seeded = IdentifyingDataset.Create();
        var original = seeded.Dataset.GetString(DicomTag.SopInstanceUid)!;
        var outcome = DeidentificationKit.Create("basic,retain-uids").Deidentify(seeded.Dataset);
        Assert.Equal(original, outcome.SopInstanceUid);
        Assert.Equal(original, seeded.Dataset.GetString(DicomTag.SopInstanceUid));
        Assert.Equal($"{IdentifyingDataset.UidRoot}.1.5", seeded.Dataset.GetString(new DicomTag(0x0020, 0x0052)));
    }

    [Fact]
    public void A_fresh_meta_group_carries_the_remapped_instance_uid_not_the_original()
    {
        var seeded = IdentifyingDataset.Create();
        var meta = new DicomDataset();
        meta.SetString(DicomTag.MediaStorageSopInstanceUid, DicomVR.UI, seeded.Dataset.GetString(DicomTag.SopInstanceUid)!);
        meta.SetString(DicomTag.SourceApplicationEntityTitle, DicomVR.AE, "KESTREL_AE");
        var file = new DicomFile(meta, seeded.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        var outcome = DeidentificationKit.Create().Deidentify(file.Dataset);
        var written = DicomFileWriter.BuildMeta(DeidentifiedFile.WithFreshMeta(file), file.TransferSyntax);
        Assert.Equal(outcome.SopInstanceUid, written.GetString(DicomTag.MediaStorageSopInstanceUid));
        Assert.Null(written[DicomTag.SourceApplicationEntityTitle]);
    }
}

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task One_deidentifier_serves_parallel_workers_with_the_same_results_as_one_thread()
    {
        var shared = DeidentificationKit.Create("basic,retain-longitudinal-modified-dates");
        var expected = Enumerable.Range(1, 40)
            .Select(i => DeidentificationKit.Create("basic,retain-longitudinal-modified-dates").Deidentify(IdentifyingDataset.Create(study: i % 3 + 1, instance: i).Dataset))
            .ToArray();
        var tasks = Enumerable.Range(1, 40)
            .Select(i => Task.Run(() => shared.Deidentify(IdentifyingDataset.Create(study: i % 3 + 1, instance: i).Dataset)))
            .ToArray();
        Assert.Equal(expected, await Task.WhenAll(tasks));
    }
}
