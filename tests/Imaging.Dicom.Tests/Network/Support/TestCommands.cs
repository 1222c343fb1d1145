using Imaging.Dicom.Data;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Command sets for the tests, built from PS3.7 Section 9 (C-ECHO) and 9.3.1 (C-STORE).</summary>
internal static class TestCommands
{
    private static readonly DicomTag AffectedSopInstanceUid = new(0x0000, 0x1000);
    private static readonly DicomTag Priority = new(0x0000, 0x0700);

    public static DicomDataset EchoRequest(ushort messageId) => Command(0x0030, messageId, SamplePdus.Verification, hasDataSet: false);

    public static DicomDataset EchoResponse(ushort respondingTo)
    {
        var command = new DicomDataset();
        command.SetString(DimseCommandTags.AffectedSopClassUid, DicomVR.UI, SamplePdus.Verification);
        command.SetValues(DimseCommandTags.CommandField, DicomVR.US, (ushort)0x8030);
        command.SetValues(DimseCommandTags.MessageIdBeingRespondedTo, DicomVR.US, respondingTo);
        command.SetValues(DimseCommandTags.CommandDataSetType, DicomVR.US, DimseCommandTags.NoDataSet);
        command.SetValues(DimseCommandTags.Status, DicomVR.US, (ushort)0x0000);
        return command;
    }

    public static DicomDataset StoreRequest(ushort messageId, string sopInstanceUid)
    {
        var command = Command(0x0001, messageId, SamplePdus.CtImageStorage, hasDataSet: true);
        command.SetValues(Priority, DicomVR.US, (ushort)0);
        command.SetString(AffectedSopInstanceUid, DicomVR.UI, sopInstanceUid);
        return command;
    }

    private static DicomDataset Command(ushort field, ushort messageId, string sopClass, bool hasDataSet)
    {
        var command = new DicomDataset();
        command.SetString(DimseCommandTags.AffectedSopClassUid, DicomVR.UI, sopClass);
        command.SetValues(DimseCommandTags.CommandField, DicomVR.US, field);
        command.SetValues(DimseCommandTags.MessageId, DicomVR.US, messageId);
        command.SetValues(DimseCommandTags.CommandDataSetType, DicomVR.US, hasDataSet ? (ushort)0x0000 : DimseCommandTags.NoDataSet);
        return command;
    }
}
