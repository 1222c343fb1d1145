using System.Runtime.InteropServices;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>OpenJPEG 2.5 <c>opj_dparameters_t</c> (openjpeg.h): 8252 bytes, filled by opj_set_default_decoder_parameters.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpjDecoderParameters
{
    public const int PathLength = 4096;

    public uint ReduceFactor;
    public uint MaximumLayers;
    public fixed byte InputFile[PathLength];
    public fixed byte OutputFile[PathLength];
    public int DecodeFormat;
    public int OutputFormat;
    public uint AreaX0;
    public uint AreaX1;
    public uint AreaY0;
    public uint AreaY1;
    public int Verbose;
    public uint TileIndex;
    public uint TilesToDecode;
    public int JpwlCorrect;
    public int JpwlExpectedComponents;
    public int JpwlMaximumTiles;
    public uint Flags;
}
