using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>Performs one C-FIND as the SCP (PS3.4 C.4.1.3): validation, one Pending response per match, then the final status.</summary>
/// <remarks>Whatever the provider throws (a broken index, an I/O error, a timeout of its own) ends the operation with
/// a final 0xC000 "unable to process" (PS3.4 C.4.1.1.4) whose Error Comment names what failed and nothing of the
/// exception: the peer must never be left waiting for a final response. Only a failure to send, and the server
/// stopping, leave without one; the association then ends.</remarks>
internal static class CFindService
{
    /// <summary>What the peer reads in the Error Comment when the provider failed; the details go to the log.</summary>
    public const string QueryFailedComment = "the query could not be completed";

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
        IAsyncEnumerator<DicomDataset>? records = null;
        try
        {
            while (true)
            {
                // Only the provider's work (and building the response from its record) is guarded here: a failure to
                // send a response is the association's end, not a query failure to report on it.
                DicomDataset response;
                try
                {
                    records ??= provider.FindAsync(new CFindRequest(model, level, identifier, association), cancelled).GetAsyncEnumerator(cancelled);
                    if (!await records.MoveNextAsync().ConfigureAwait(false)) break;
                    // A C-CANCEL that arrives between two matches stops the stream before the next Pending.
                    cancelled.ThrowIfCancellationRequested();
                    response = DicomQueryResponseBuilder.Build(identifier, records.Current, level.ToCode());
                }
                catch (OperationCanceledException) when (cancelled.IsCancellationRequested && !stopping.IsCancellationRequested)
                {
                    status = DimseStatus.Cancel;
                    break;
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    log.Write(DicomNetworkLogLevel.Error, $"C-FIND {messageId}: the find provider failed after {matches} matches", ex);
                    status = DimseStatus.UnableToProcess;
                    comment = QueryFailedComment;
                    break;
                }
                await respond(DimseQueryRetrieveCommands.FindResponse(messageId, sopClass, DimseStatus.Pending, true), response, stopping).ConfigureAwait(false);
                matches++;
            }
        }
        finally
        {
            // The provider's resources go before the final response; a failure there changes nothing the peer is told.
            if (records is not null) await DisposeQuietlyAsync(records, messageId, log).ConfigureAwait(false);
        }
        log.Write(DicomNetworkLogLevel.Debug, $"C-FIND {messageId} at {level.ToCode()}: {matches} matches, status 0x{status:X4}");
        await respond(DimseQueryRetrieveCommands.FindResponse(messageId, sopClass, status, false, comment), null, stopping).ConfigureAwait(false);
    }

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<DicomDataset> records, ushort messageId, IDicomNetworkLog log)
    {
        try
        {
            await records.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log.Write(DicomNetworkLogLevel.Warning, $"C-FIND {messageId}: releasing the find provider's results failed", ex);
        }
    }
}
