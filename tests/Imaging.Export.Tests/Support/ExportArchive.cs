using Imaging.Deidentification;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Imaging.Export.Tests.Support;

/// <summary>A real SQLite store and blob folder in a temporary folder, seeded through the ingest APIs (blob put, index
/// record, findings save) with Part 10 files full of identifying values, and a runner over them.</summary>
public sealed class ExportArchive : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    public static readonly byte[] Key = "export-tests-key-0123456789abcdef"u8.ToArray();

    private readonly TempFolder _folder = new();
    private int _files;

    private ExportArchive()
    {
        Store = new SqliteImagingStore(_folder.File("index.db"));
        Blobs = new FileSystemBlobStore(_folder.File("blobs"));
    }

    public SqliteImagingStore Store { get; }
    public FileSystemBlobStore Blobs { get; }
    public Pseudonymizer Pseudonymizer { get; } = new(Key);
    public string Root => _folder.Path;

    /// <summary>Every original identifying value seeded, for "none of these reached the export" checks.</summary>
    public HashSet<string> Identifiers { get; } = new(StringComparer.Ordinal);

    public static async Task<ExportArchive> CreateAsync()
    {
        var archive = new ExportArchive();
        await archive.Store.MigrateAsync(CancellationToken.None);
        return archive;
    }

    public ExportRunner Runner(ExportRunnerOptions? options = null, IAuditLog? audit = null, IDeidentifierFactory? factory = null) =>
        new(Store, Blobs, factory ?? new FakeDeidentifierFactory(Pseudonymizer), Pseudonymizer, audit, TimeProvider.System,
            Options.Create(options ?? new ExportRunnerOptions()), NullLogger<ExportRunner>.Instance);

    /// <summary>Stores one instance with identifying values everywhere the fake de-identifier (and the tables) must not leak.</summary>
    public async Task<string> AddInstanceAsync(string patientId, string patientName, string study, string studyDate, string series, string modality,
        string sop, int instanceNumber, bool burnedIn = false)
    {
        Identifiers.UnionWith([patientId, patientName, study, series, sop, studyDate, "ACC-" + patientId]);
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        ds.SetString(DicomTag.SopClassUid, DicomVR.UI, modality == "SC" ? "1.2.840.10008.5.1.4.1.1.7" : "1.2.840.10008.5.1.4.1.1.2");
        ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, sop);
        ds.SetString(DicomTags.StudyDate, DicomVR.DA, studyDate);
        ds.SetString(DicomTags.StudyTime, DicomVR.TM, "081500");
        ds.SetString(DicomTags.AccessionNumber, DicomVR.SH, "ACC-" + patientId);
        ds.SetString(DicomTags.Modality, DicomVR.CS, modality);
        ds.SetString(DicomTags.InstitutionName, DicomVR.LO, "General Hospital");
        ds.SetString(DicomTags.ReferringPhysicianName, DicomVR.PN, "WHO^REFERRED");
        ds.SetString(DicomTags.StudyDescription, DicomVR.LO, "Study of " + patientName);
        ds.SetString(DicomTags.PatientName, DicomVR.PN, patientName);
        ds.SetString(DicomTags.PatientID, DicomVR.LO, patientId);
        ds.SetString(DicomTags.PatientBirthDate, DicomVR.DA, "19500310");
        ds.SetString(DicomTags.PatientSex, DicomVR.CS, "F");
        ds.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
        ds.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, series);
        ds.SetString(DicomTags.StudyID, DicomVR.SH, "77");
        ds.SetString(DicomTags.SeriesNumber, DicomVR.IS, "1");
        ds.SetString(DicomTags.InstanceNumber, DicomVR.IS, instanceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ds.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.SetValues(DicomTags.Rows, DicomVR.US, (ushort)8);
        ds.SetValues(DicomTags.Columns, DicomVR.US, (ushort)8);
        ds.SetValues(DicomTag.BitsAllocated, DicomVR.US, (ushort)16);
        ds.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)12);
        ds.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)11);
        ds.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        if (burnedIn) ds.SetString(DicomTags.BurnedInAnnotation, DicomVR.CS, "YES");
        var pixels = new byte[8 * 8 * 2];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7 + instanceNumber);
        ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OW, DicomBuffer.FromBytes(pixels)));

        var temporary = Path.Combine(Blobs.IncomingDirectory, $"seed-{Interlocked.Increment(ref _files)}.dcm");
        DicomFileWriter.Write(temporary, new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian));
        var size = new FileInfo(temporary).Length;
        var blobKey = await Blobs.PutAsync(temporary, new InstanceKey(study, series, sop), CancellationToken.None);
        await Store.RecordInstanceAsync(new InstanceRecord
        {
            PatientId = patientId, PatientName = patientName, PatientBirthDate = "19500310", PatientSex = "F", StudyInstanceUid = study,
            StudyDate = studyDate, StudyTime = "081500", StudyDescription = "Study of " + patientName, AccessionNumber = "ACC-" + patientId,
            SeriesInstanceUid = series, Modality = modality, SeriesNumber = 1, SopInstanceUid = sop, SopClassUid = ds.GetString(DicomTag.SopClassUid)!,
            InstanceNumber = instanceNumber, TransferSyntaxUid = DicomTransferSyntax.ExplicitVRLittleEndian.Uid, BlobKey = blobKey, SizeBytes = size,
            CallingAeTitle = "MODALITY", ReceivedAt = T0,
        }, TimeSpan.FromSeconds(30), CancellationToken.None);
        return blobKey;
    }

    /// <summary>Stores <paramref name="dataset"/> as it is (Explicit VR Little Endian) and indexes it from its own attributes.</summary>
    public async Task<string> AddDatasetAsync(DicomDataset dataset)
    {
        string Get(DicomTag tag) => dataset.GetString(tag) ?? "";
        var (study, series, sop) = (Get(DicomTags.StudyInstanceUID), Get(DicomTags.SeriesInstanceUID), Get(DicomTag.SopInstanceUid));
        var temporary = Path.Combine(Blobs.IncomingDirectory, $"seed-{Interlocked.Increment(ref _files)}.dcm");
        DicomFileWriter.Write(temporary, new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        var size = new FileInfo(temporary).Length;
        var blobKey = await Blobs.PutAsync(temporary, new InstanceKey(study, series, sop), CancellationToken.None);
        await Store.RecordInstanceAsync(new InstanceRecord
        {
            PatientId = Get(DicomTags.PatientID), PatientName = Get(DicomTags.PatientName), StudyInstanceUid = study,
            StudyDate = Get(DicomTags.StudyDate), SeriesInstanceUid = series, Modality = Get(DicomTags.Modality), SopInstanceUid = sop,
            SopClassUid = Get(DicomTag.SopClassUid), TransferSyntaxUid = DicomTransferSyntax.ExplicitVRLittleEndian.Uid, BlobKey = blobKey,
            SizeBytes = size, CallingAeTitle = "MODALITY", ReceivedAt = T0,
        }, TimeSpan.FromSeconds(30), CancellationToken.None);
        return blobKey;
    }

    public Task AddFindingsAsync(string study, string series, string analyzer, string payload, DateTimeOffset? at = null) =>
        Store.SaveFindingsAsync(new FindingsRecord(study, series, analyzer, "1.2.0", 1, payload, at ?? T0), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}
