using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Network;

/// <summary>Performs one C-GET as the SCP (PS3.4 C.4.3.3): C-STORE sub-operations back to the requestor on the same
/// association, over the storage contexts on which it was granted the SCP role, with a Pending response after each and
/// the Failed SOP Instance UID List in the final one when some failed. Instances go in the syntax they are stored in
/// (uncompressed ones may change to another uncompressed syntax): nothing is transcoded to or from a compressed one.</summary>
internal static class CGetService
{
    public static async Task RunAsync(DicomServerOptions options, DicomAssociationContext association, DicomDataset command, ushort messageId,
        DicomDataset? identifier, DimseResponder respond, CGetSubOperations subOperations, IDicomNetworkLog log,
        CancellationToken cancelled, CancellationToken stopping)
    {
        var sopClass = command.GetSingleString(DimseCommandTags.AffectedSopClassUid);
        var none = new SubOperationCounts(0, 0, 0, 0);
        ValueTask Respond(ushort status, SubOperationCounts counts, string? comment = null, DicomDataset? identifier = null) =>
            respond(DimseQueryRetrieveCommands.RetrieveResponse(DimseCommandField.CGetResponse, messageId, sopClass, status, counts, identifier is not null, comment),
                identifier, stopping);

        if (options.GetProvider is not { } provider || !QueryInformationModels.TryFromSopClass(sopClass, out var model) || sopClass != model.GetSopClass())
        {
            await Respond(DimseStatus.SopClassNotSupported, none).ConfigureAwait(false);
            return;
        }
        var level = QueryRetrieveLevel.Study;
        var problem = identifier is null ? "no identifier" : QueryHierarchy.Validate(model, identifier, out level);
        if (problem is not null)
        {
            await Respond(DimseStatus.IdentifierDoesNotMatchSopClass, none, problem).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<string> files;
        try
        {
            files = await provider.ResolveAsync(new CRetrieveRequest(model, level, identifier!, association), cancelled).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            await Respond(DimseStatus.Cancel, none).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            // Whatever the provider throws (its own timeout included) is its failure; the details stay in the log.
            log.Write(DicomNetworkLogLevel.Error, $"C-GET {messageId}: the get provider failed", ex);
            await Respond(DimseStatus.UnableToProcess, none, RetrieveComments.ResolveFailed).ConfigureAwait(false);
            return;
        }

        var counter = new SubOperationCounter(files.Count);
        ushort subMessageId = 0;
        foreach (var file in files)
        {
            if (cancelled.IsCancellationRequested) break;
            ushort? status = null;
            string? sopInstance = null;
            StoreCandidate? candidate = null;
            AcceptedPresentationContext? context = null;
            Stream? dataSet = null;
            try
            {
                // Everything that can fail before the first byte of the sub-operation is sent only fails this instance.
                candidate = StoreCandidate.Read(file);
                sopInstance = candidate.SopInstanceUid;
                context = PickContext(association.Association, candidate);
                if (context is not null)
                {
                    dataSet = await DicomClient.OpenDataSetAsync(candidate, context.TransferSyntax, stopping).ConfigureAwait(false);
                }
                else
                {
                    var alternatives = candidate.CanBeTranscoded ? " or another uncompressed syntax" : "";
                    log.Write(DicomNetworkLogLevel.Warning,
                        $"C-GET {messageId}: no context with the SCP role for {candidate.SopClassUid} in {candidate.TransferSyntax.Name}{alternatives}; {candidate.SopInstanceUid} not sent");
                }
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                log.Write(DicomNetworkLogLevel.Warning, $"C-GET {messageId}: {file} cannot be sent: {ex.Message}");
            }
            if (dataSet is not null)
            {
                await using (dataSet.ConfigureAwait(false))
                {
                    var request = DimseCommands.StoreRequest(++subMessageId, candidate!.SopClassUid, candidate.SopInstanceUid);
                    // PS3.7 9.3.1.1: a C-STORE performed for a retrieve may name the operation it serves.
                    request.SetValues(DicomTags.MoveOriginatorMessageID, DicomVR.US, messageId);
                    // Once the request is on the wire, a failure (a read error mid-data-set, a requestor that stops reading
                    // or answering) leaves no way to finish the exchange: it ends the association (see CGetSubOperations).
                    status = DimseCommands.GetStatus(await subOperations.StoreAsync(context!, request, dataSet, stopping).ConfigureAwait(false));
                }
            }
            counter.Record(status, sopInstance);
            await Respond(DimseStatus.Pending, counter.Counts).ConfigureAwait(false);
        }

        var final = counter.FinalStatus(cancelled.IsCancellationRequested);
        log.Write(DicomNetworkLogLevel.Debug, $"C-GET {messageId}: {counter.Counts}, status 0x{final:X4}");
        var failed = FailedSopInstanceUidList.Build(final == DimseStatus.Success ? [] : counter.FailedSopInstanceUids, out var truncated);
        if (truncated)
            log.Write(DicomNetworkLogLevel.Warning, $"C-GET {messageId}: the Failed SOP Instance UID List is cut to what one UI value holds");
        await Respond(final, counter.Counts, identifier: failed).ConfigureAwait(false);
    }

    /// <summary>A context of the instance's SOP class on which the requestor accepted the SCP role (PS3.4 C.4.3.3: the
    /// C-GET requestor must have negotiated it), in the file's own syntax or, for uncompressed files, any uncompressed one.</summary>
    private static AcceptedPresentationContext? PickContext(NegotiatedAssociation association, StoreCandidate candidate)
    {
        var contexts = association.PresentationContexts.Where(c => c.AbstractSyntax == candidate.SopClassUid && c.RequestorIsScp).ToList();
        return contexts.FirstOrDefault(c => c.TransferSyntax.Uid == candidate.TransferSyntax.Uid)
            ?? (candidate.CanBeTranscoded ? contexts.FirstOrDefault(c => !c.TransferSyntax.IsEncapsulated && !c.TransferSyntax.IsDeflated) : null);
    }
}
