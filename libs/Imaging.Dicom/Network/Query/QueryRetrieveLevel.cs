namespace Imaging.Dicom.Network;

/// <summary>The levels of the Query/Retrieve information models (PS3.4 C.3), from the top down.</summary>
public enum QueryRetrieveLevel
{
    Patient,
    Study,
    Series,
    Image,
}
