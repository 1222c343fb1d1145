using Imaging.Deidentification;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Export.Tests.Support;

/// <summary>A TEST DOUBLE for the real PS3.15 de-identifier (written elsewhere): remaps the study, series, SOP instance and
/// frame of reference UIDs through the <see cref="Pseudonymizer"/>, replaces the patient's name and ID with the pseudonym,
/// drops the obvious identifying attributes, and quarantines Burned In Annotation YES. Enough to test the export
/// runner around it, nothing more.</summary>
public sealed class FakeDeidentifier(Pseudonymizer pseudonymizer, DeidentificationOptions options) : IDeidentifier
{
    private static readonly DicomTag[] RemappedUids =
        [DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID, DicomTag.SopInstanceUid, DicomTags.FrameOfReferenceUID];

    private static readonly DicomTag[] Removed =
    [
        DicomTags.PatientBirthDate, DicomTags.AccessionNumber, DicomTags.StudyDate, DicomTags.SeriesDate, DicomTags.ContentDate,
        DicomTags.AcquisitionDate, DicomTags.StudyDescription, DicomTags.SeriesDescription, DicomTags.InstitutionName,
        DicomTags.ReferringPhysicianName, DicomTags.OtherPatientIDs, DicomTags.PatientAddress, DicomTags.StudyID, DicomTags.ImageComments,
    ];

    public DeidentificationOptions Options { get; } = options;

    public DeidentificationOutcome Deidentify(DicomDataset dataset)
    {
        var patientId = dataset.GetString(DicomTags.PatientID) ?? "";
        var pseudonym = pseudonymizer.Patient(patientId);
        string Remap(DicomTag tag) => dataset.GetString(tag) is { } uid ? (Options.RetainUids ? uid : pseudonymizer.Uid(uid)) : "";
        var study = Remap(DicomTags.StudyInstanceUID);
        var series = Remap(DicomTags.SeriesInstanceUID);
        var sop = Remap(DicomTag.SopInstanceUid);
        var sopClass = dataset.GetString(DicomTag.SopClassUid) ?? "";
        if (string.Equals(dataset.GetString(DicomTags.BurnedInAnnotation), "YES", StringComparison.OrdinalIgnoreCase))
            return new DeidentificationOutcome(pseudonym, study, series, sop, sopClass, "burned-in annotation: YES");

        foreach (var tag in RemappedUids)
        {
            if (dataset.GetString(tag) is { } uid && !Options.RetainUids) dataset.SetString(tag, DicomVR.UI, pseudonymizer.Uid(uid));
        }
        foreach (var tag in Removed) dataset.Remove(tag);
        dataset.SetString(DicomTags.PatientID, DicomVR.LO, pseudonym);
        dataset.SetString(DicomTags.PatientName, DicomVR.PN, pseudonym);
        dataset.SetString(DicomTags.PatientIdentityRemoved, DicomVR.CS, "YES");
        return new DeidentificationOutcome(pseudonym, study, series, sop, sopClass, null);
    }
}

/// <summary>Makes <see cref="FakeDeidentifier"/>s (TEST DOUBLE of the real factory).</summary>
public sealed class FakeDeidentifierFactory(Pseudonymizer pseudonymizer) : IDeidentifierFactory
{
    public IDeidentifier Create(DeidentificationOptions options) => new FakeDeidentifier(pseudonymizer, options);
}
