namespace Imaging.Dicom.Imaging;

/// <summary>How a decoder laid out the samples it wrote: JPEG decoders may convert YBR to RGB, RLE is always by plane.</summary>
public readonly record struct DecodedFrameLayout(string PhotometricInterpretation, int PlanarConfiguration);
