using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Network;

/// <summary>Builds the command sets of C-ECHO (PS3.7 9.3.5) and C-STORE (PS3.7 9.3.1), requests and responses.</summary>
public static class DimseCommands
{
    public static DicomDataset EchoRequest(ushort messageId) =>
        Request(DimseCommandField.CEchoRequest, messageId, DicomUids.Verification.Uid, hasDataSet: false);

    public static DicomDataset EchoResponse(ushort respondingTo, ushort status) =>
        Response(DimseCommandField.CEchoResponse, respondingTo, DicomUids.Verification.Uid, status);

    /// <param name="priority">0 medium, 1 high, 2 low (PS3.7 9.1.1.1.4).</param>
    public static DicomDataset StoreRequest(ushort messageId, string sopClassUid, string sopInstanceUid, ushort priority = 0)
    {
        var command = Request(DimseCommandField.CStoreRequest, messageId, sopClassUid, hasDataSet: true);
        command.SetValues(DicomTags.Priority, DicomVR.US, priority);
        command.SetString(DicomTags.AffectedSOPInstanceUID, DicomVR.UI, sopInstanceUid);
        return command;
    }

    public static DicomDataset StoreResponse(ushort respondingTo, string? sopClassUid, string? sopInstanceUid, ushort status)
    {
        var command = Response(DimseCommandField.CStoreResponse, respondingTo, sopClassUid, status);
        if (!string.IsNullOrEmpty(sopInstanceUid)) command.SetString(DicomTags.AffectedSOPInstanceUID, DicomVR.UI, sopInstanceUid);
        return command;
    }

    /// <summary>The answer to a request this SCP does not perform (PS3.7 C.5.5 unrecognized operation).</summary>
    public static DicomDataset UnrecognizedOperationResponse(ushort requestField, ushort respondingTo, string? sopClassUid) =>
        Response((ushort)(requestField | DimseCommandField.ResponseBit), respondingTo, sopClassUid, DimseStatus.UnrecognizedOperation);

    public static ushort? GetCommandField(DicomDataset command) => (ushort?)command.GetInteger(DimseCommandTags.CommandField);

    public static ushort? GetMessageId(DicomDataset command) => (ushort?)command.GetInteger(DimseCommandTags.MessageId);

    public static ushort? GetStatus(DicomDataset command) => (ushort?)command.GetInteger(DimseCommandTags.Status);

    private static DicomDataset Request(ushort field, ushort messageId, string sopClassUid, bool hasDataSet)
    {
        var command = new DicomDataset();
        command.SetString(DimseCommandTags.AffectedSopClassUid, DicomVR.UI, sopClassUid);
        command.SetValues(DimseCommandTags.CommandField, DicomVR.US, field);
        command.SetValues(DimseCommandTags.MessageId, DicomVR.US, messageId);
        // Any value but 0x0101 announces a data set; 0x0000 is what most implementations send.
        command.SetValues(DimseCommandTags.CommandDataSetType, DicomVR.US, hasDataSet ? (ushort)0x0000 : DimseCommandTags.NoDataSet);
        return command;
    }

    private static DicomDataset Response(ushort field, ushort respondingTo, string? sopClassUid, ushort status)
    {
        var command = new DicomDataset();
        if (!string.IsNullOrEmpty(sopClassUid)) command.SetString(DimseCommandTags.AffectedSopClassUid, DicomVR.UI, sopClassUid);
        command.SetValues(DimseCommandTags.CommandField, DicomVR.US, field);
        command.SetValues(DimseCommandTags.MessageIdBeingRespondedTo, DicomVR.US, respondingTo);
        command.SetValues(DimseCommandTags.CommandDataSetType, DicomVR.US, DimseCommandTags.NoDataSet);
        command.SetValues(DimseCommandTags.Status, DicomVR.US, status);
        return command;
    }
}
