using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Network;

/// <summary>Builds the command sets of C-FIND (PS3.7 9.3.2), C-GET (9.3.3), C-MOVE (9.3.4) and C-CANCEL (9.3.2.3).</summary>
public static class DimseQueryRetrieveCommands
{
    public static DicomDataset FindRequest(ushort messageId, string sopClassUid, ushort priority = 0) =>
        Request(DimseCommandField.CFindRequest, messageId, sopClassUid, priority);

    public static DicomDataset GetRequest(ushort messageId, string sopClassUid, ushort priority = 0) =>
        Request(DimseCommandField.CGetRequest, messageId, sopClassUid, priority);

    public static DicomDataset MoveRequest(ushort messageId, string sopClassUid, string destinationAETitle, ushort priority = 0)
    {
        var command = Request(DimseCommandField.CMoveRequest, messageId, sopClassUid, priority);
        command.SetString(DicomTags.MoveDestination, DicomVR.AE, destinationAETitle);
        return command;
    }

    /// <summary>C-CANCEL-RQ carries only the Message ID of the operation it cancels (PS3.7 9.3.2.3).</summary>
    public static DicomDataset CancelRequest(ushort cancelledMessageId)
    {
        var command = new DicomDataset();
        command.SetValues(DimseCommandTags.CommandField, DicomVR.US, DimseCommandField.CCancelRequest);
        command.SetValues(DimseCommandTags.MessageIdBeingRespondedTo, DicomVR.US, cancelledMessageId);
        command.SetValues(DimseCommandTags.CommandDataSetType, DicomVR.US, DimseCommandTags.NoDataSet);
        return command;
    }

    /// <param name="hasIdentifier">Pending responses carry a matching identifier; the final one none.</param>
    public static DicomDataset FindResponse(ushort respondingTo, string? sopClassUid, ushort status, bool hasIdentifier, string? errorComment = null) =>
        Response(DimseCommandField.CFindResponse, respondingTo, sopClassUid, status, hasIdentifier, errorComment);

    /// <summary>A C-MOVE or C-GET response with the sub-operation counts (PS3.7 9.3.3.2, 9.3.4.2); remaining is left
    /// out of final responses, as the standard asks.</summary>
    public static DicomDataset RetrieveResponse(ushort field, ushort respondingTo, string? sopClassUid, ushort status, SubOperationCounts counts,
        bool hasIdentifier = false, string? errorComment = null)
    {
        var command = Response(field, respondingTo, sopClassUid, status, hasIdentifier, errorComment);
        if (DimseStatus.IsPending(status)) command.SetValues(DicomTags.NumberOfRemainingSuboperations, DicomVR.US, (ushort)counts.Remaining);
        command.SetValues(DicomTags.NumberOfCompletedSuboperations, DicomVR.US, (ushort)counts.Completed);
        command.SetValues(DicomTags.NumberOfFailedSuboperations, DicomVR.US, (ushort)counts.Failed);
        command.SetValues(DicomTags.NumberOfWarningSuboperations, DicomVR.US, (ushort)counts.Warning);
        return command;
    }

    private static DicomDataset Request(ushort field, ushort messageId, string sopClassUid, ushort priority)
    {
        var command = new DicomDataset();
        command.SetString(DimseCommandTags.AffectedSopClassUid, DicomVR.UI, sopClassUid);
        command.SetValues(DimseCommandTags.CommandField, DicomVR.US, field);
        command.SetValues(DimseCommandTags.MessageId, DicomVR.US, messageId);
        command.SetValues(DicomTags.Priority, DicomVR.US, priority);
        command.SetValues(DimseCommandTags.CommandDataSetType, DicomVR.US, (ushort)0x0000);
        return command;
    }

    private static DicomDataset Response(ushort field, ushort respondingTo, string? sopClassUid, ushort status, bool hasDataSet, string? errorComment)
    {
        var command = new DicomDataset();
        if (!string.IsNullOrEmpty(sopClassUid)) command.SetString(DimseCommandTags.AffectedSopClassUid, DicomVR.UI, sopClassUid);
        command.SetValues(DimseCommandTags.CommandField, DicomVR.US, field);
        command.SetValues(DimseCommandTags.MessageIdBeingRespondedTo, DicomVR.US, respondingTo);
        command.SetValues(DimseCommandTags.CommandDataSetType, DicomVR.US, hasDataSet ? (ushort)0x0000 : DimseCommandTags.NoDataSet);
        command.SetValues(DimseCommandTags.Status, DicomVR.US, status);
        // Error Comment is LO: at most 64 characters.
        if (errorComment is not null) command.SetString(DicomTags.ErrorComment, DicomVR.LO, errorComment.Length > 64 ? errorComment[..64] : errorComment);
        return command;
    }
}
