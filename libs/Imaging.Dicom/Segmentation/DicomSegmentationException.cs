namespace Imaging.Dicom.Segmentation;

/// <summary>The data set is not a usable Segmentation instance: a required attribute is missing, inconsistent or out of range.</summary>
public sealed class DicomSegmentationException(string message, Exception? inner = null) : Exception(message, inner);
