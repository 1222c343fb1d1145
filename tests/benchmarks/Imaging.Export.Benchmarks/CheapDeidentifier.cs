using Imaging.Deidentification;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Export.Benchmarks;

/// <summary>BENCHMARK DOUBLE, not a de-identifier: remaps the study, series and SOP instance UIDs and replaces the
/// patient's ID and name, nothing else. With it the benchmark measures the export pipeline's own cost (read, parse,
/// encode, hash, write); the real PS3.15 profile's cost comes on top once it is plugged in (see Program.cs).</summary>
internal sealed class CheapDeidentifier(Pseudonymizer pseudonymizer, DeidentificationOptions options) : IDeidentifier
{
    public DeidentificationOptions Options { get; } = options;

    public DeidentificationOutcome Deidentify(DicomDataset dataset)
    {
        var patient = pseudonymizer.Patient(dataset.GetString(DicomTags.PatientID) ?? "");
        var study = pseudonymizer.Uid(dataset.GetString(DicomTags.StudyInstanceUID) ?? "");
        var series = pseudonymizer.Uid(dataset.GetString(DicomTags.SeriesInstanceUID) ?? "");
        var sop = pseudonymizer.Uid(dataset.GetString(DicomTag.SopInstanceUid) ?? "");
        dataset.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
        dataset.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, series);
        dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, sop);
        dataset.SetString(DicomTags.PatientID, DicomVR.LO, patient);
        dataset.SetString(DicomTags.PatientName, DicomVR.PN, patient);
        return new DeidentificationOutcome(patient, study, series, sop, dataset.GetString(DicomTag.SopClassUid) ?? "", null);
    }
}

/// <summary>Makes <see cref="CheapDeidentifier"/>s (BENCHMARK DOUBLE).</summary>
internal sealed class CheapDeidentifierFactory(Pseudonymizer pseudonymizer) : IDeidentifierFactory
{
    public IDeidentifier Create(DeidentificationOptions options) => new CheapDeidentifier(pseudonymizer, options);
}
