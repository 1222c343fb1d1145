using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Reporting;

/// <summary>Current Requested Procedure Evidence Sequence (PS3.3 C.17.2): every instance a document references, by series.</summary>
internal static class EvidenceSequence
{
    public static DicomSequence Build(string studyUid, IEnumerable<InstanceReference> instances)
    {
        var series = instances.GroupBy(r => r.SeriesInstanceUid, StringComparer.Ordinal).Select(g =>
        {
            var item = new DicomDataset();
            item.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, g.Key);
            item.Set(new DicomSequence(DicomTags.ReferencedSOPSequence, g.DistinctBy(r => r.SopInstanceUid).Select(r =>
            {
                var sop = new DicomDataset();
                sop.SetString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, r.SopClassUid);
                sop.SetString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, r.SopInstanceUid);
                return sop;
            })));
            return item;
        });
        var study = new DicomDataset();
        study.Set(new DicomSequence(DicomTags.ReferencedSeriesSequence, series));
        study.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, studyUid);
        return new DicomSequence(DicomTags.CurrentRequestedProcedureEvidenceSequence, [study]);
    }
}
