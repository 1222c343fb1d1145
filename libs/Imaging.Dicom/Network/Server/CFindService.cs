using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>Performs one C-FIND as the SCP (PS3.4 C.4.1.3): validation, one Pending response per match, then the final status.</summary>
internal static class CFindService
{
    public static async Task RunAsync(ICFindProvider? provider, DicomAssociationContext association, string? sopClass, ushort messageId,
        DicomDataset? identifier, DimseResponder respond, IDicomNetworkLog log, CancellationToken cancelled, CancellationToken stopping)
    {
        if (provider is null || !QueryInformationModels.TryFromSopClass(sopClass, out var model) || sopClass != model.FindSopClass())
        {
            await respond(DimseQueryRetrieveCommands.FindResponse(messageId, sopClass, DimseStatus.SopClassNotSupported, false), null, stopping).ConfigureAwait(false);
            return;
        }
        if (identifier is null)
        {
            await respond(DimseQueryRetrieveCommands.FindResponse(messageId, sopClass, DimseStatus.UnableToProcess, false, "no identifier"), null, stopping).ConfigureAwait(false);
            return;
        }
        if (QueryHierarchy.Validate(model, identifier, out var level) is { } problem)
        {
            await respond(DimseQueryRetrieveCommands.FindResponse(messageId, sopClass, DimseStatus.IdentifierDoesNotMatchSopClass, false, problem), null, stopping)
                .ConfigureAwait(false);
            return;
        }

        var matches = 0;
        ushort status = DimseStatus.Success;
        string? comment = null;
        try
        {
            await foreach (var record in provider.FindAsync(new CFindRequest(model, level, identifier, association), cancelled).ConfigureAwait(false))
            {
                // A C-CANCEL that arrives between two matches stops the stream before the next Pending.
                cancelled.ThrowIfCancellationRequested();
                var response = DicomQueryResponseBuilder.Build(identifier, record, level.ToCode());
                await respond(DimseQueryRetrieveCommands.FindResponse(messageId, sopClass, DimseStatus.Pending, true), response, stopping).ConfigureAwait(false);
                matches++;
            }
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            status = DimseStatus.Cancel;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not IOException)
        {
            log.Write(DicomNetworkLogLevel.Error, $"C-FIND {messageId}: the find provider failed", ex);
            status = DimseStatus.UnableToProcess;
            comment = "query failed";
        }
        log.Write(DicomNetworkLogLevel.Debug, $"C-FIND {messageId} at {level.ToCode()}: {matches} matches, status 0x{status:X4}");
        await respond(DimseQueryRetrieveCommands.FindResponse(messageId, sopClass, status, false, comment), null, stopping).ConfigureAwait(false);
    }
}
