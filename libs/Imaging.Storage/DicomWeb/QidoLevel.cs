namespace Imaging.Storage.DicomWeb;

/// <summary>The query/retrieve level a QIDO-RS search returns (PS3.4 C.6.1: study root).</summary>
public enum QidoLevel
{
    Study,
    Series,
    Instance,
}
