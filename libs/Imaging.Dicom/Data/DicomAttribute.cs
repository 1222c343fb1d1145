namespace Imaging.Dicom.Data;

/// <summary>One attribute of a dataset: a plain element, a sequence, or encapsulated pixel data.</summary>
public abstract class DicomAttribute(DicomTag tag, DicomVR vr)
{
    public DicomTag Tag { get; } = tag;
    public DicomVR VR { get; } = vr;

    public override string ToString() => $"{Tag} {DicomVRInfo.Code(VR)}";
}
