namespace Imaging.Dicom.Network;

/// <summary>The sub-operation counters of a C-MOVE or C-GET (PS3.4 C.4.2.1.4, C.4.3.1.4).</summary>
public sealed record SubOperationCounts(int Remaining, int Completed, int Failed, int Warning);
