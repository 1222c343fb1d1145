using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>Command group (0000) elements that message framing itself depends on (PS3.7 Annex E).</summary>
public static class DimseCommandTags
{
    public static readonly DicomTag CommandGroupLength = new(0x0000, 0x0000);
    public static readonly DicomTag AffectedSopClassUid = new(0x0000, 0x0002);
    public static readonly DicomTag CommandField = new(0x0000, 0x0100);
    public static readonly DicomTag MessageId = new(0x0000, 0x0110);
    public static readonly DicomTag MessageIdBeingRespondedTo = new(0x0000, 0x0120);

    /// <summary>0x0101 means no data set follows the command; any other value means one does.</summary>
    public static readonly DicomTag CommandDataSetType = new(0x0000, 0x0800);

    public static readonly DicomTag Status = new(0x0000, 0x0900);

    /// <summary>The <see cref="CommandDataSetType"/> value meaning "no data set".</summary>
    public const ushort NoDataSet = 0x0101;
}
