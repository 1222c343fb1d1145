using Imaging.Dicom.Data;
using System.Runtime.ExceptionServices;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Network;

/// <summary>Performs one C-MOVE as the SCP (PS3.4 C.4.2.3): C-STORE sub-operations to the configured destination over
/// an association of our own, a Pending response with the counts after each, then the final status with the Failed SOP
/// Instance UID List when some failed.</summary>
internal static class CMoveService
{
    public static async Task RunAsync(DicomServerOptions options, DicomAssociationContext association, DicomDataset command, ushort messageId,
        DicomDataset? identifier, DimseResponder respond, IDicomNetworkLog log, CancellationToken cancelled, CancellationToken stopping)
    {
        var sopClass = command.GetSingleString(DimseCommandTags.AffectedSopClassUid);
        var none = new SubOperationCounts(0, 0, 0, 0);
        ValueTask Final(ushort status, SubOperationCounts counts, string? comment = null, DicomDataset? identifier = null) =>
            respond(DimseQueryRetrieveCommands.RetrieveResponse(DimseCommandField.CMoveResponse, messageId, sopClass, status, counts, identifier is not null, comment),
                identifier, stopping);

        if (options.MoveProvider is not { } provider || !QueryInformationModels.TryFromSopClass(sopClass, out var model) || sopClass != model.MoveSopClass())
        {
            await Final(DimseStatus.SopClassNotSupported, none).ConfigureAwait(false);
            return;
        }
        var destinationTitle = command.GetSingleString(DicomTags.MoveDestination)?.Trim();
        if (destinationTitle is null || !options.MoveDestinations.TryGetValue(destinationTitle, out var destination))
        {
            log.Write(DicomNetworkLogLevel.Warning, $"C-MOVE {messageId}: unknown move destination '{destinationTitle}'");
            await Final(DimseStatus.MoveDestinationUnknown, none, "unknown move destination").ConfigureAwait(false);
            return;
        }
        var level = QueryRetrieveLevel.Study;
        var problem = identifier is null ? "no identifier" : QueryHierarchy.Validate(model, identifier, out level);
        if (problem is not null)
        {
            await Final(DimseStatus.IdentifierDoesNotMatchSopClass, none, problem).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<string> files;
        try
        {
            files = await provider.ResolveAsync(new CRetrieveRequest(model, level, identifier!, association), cancelled).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            await Final(DimseStatus.Cancel, none).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            // Whatever the provider throws (its own timeout included) is its failure; the details stay in the log.
            log.Write(DicomNetworkLogLevel.Error, $"C-MOVE {messageId}: the move provider failed", ex);
            await Final(DimseStatus.UnableToProcess, none, RetrieveComments.ResolveFailed).ConfigureAwait(false);
            return;
        }

        var counter = new SubOperationCounter(files.Count);
        var client = new DicomClient(new DicomClientOptions
        {
            Host = destination.Host,
            Port = destination.Port,
            CalledAETitle = destinationTitle,
            CallingAETitle = association.CalledAETitle,
            AssociationTimeout = options.MoveAssociationTimeout,
            DimseTimeout = options.MoveAssociationTimeout,
        });
        // StoreAsync reports every file, in order: those past this count were never sent when it throws.
        var reported = 0;
        // A Pending response that cannot be sent means the requestor is gone: sending stops, the destination's
        // association is still released, and the failure then ends this operation (and the association) as it is.
        ExceptionDispatchInfo? requestorLost = null;
        string? comment = null;
        try
        {
            if (files.Count > 0)
            {
                await client.StoreAsync(files, async result =>
                {
                    reported++;
                    counter.Record(result.Status, result.SopInstanceUid);
                    try
                    {
                        await respond(DimseQueryRetrieveCommands.RetrieveResponse(DimseCommandField.CMoveResponse, messageId, sopClass, DimseStatus.Pending,
                            counter.Counts), null, stopping).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        requestorLost = ExceptionDispatchInfo.Capture(ex);
                        return false;
                    }
                    // A C-CANCEL stops further sub-operations; the association to the destination is still released.
                    return !cancelled.IsCancellationRequested;
                }, stopping).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (requestorLost is null && !stopping.IsCancellationRequested)
        {
            if (ex is DicomAssociationRejectedException or DicomAssociationAbortedException or DicomNetworkProtocolException
                or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                log.Write(DicomNetworkLogLevel.Warning, $"C-MOVE {messageId}: sending to {destinationTitle} failed: {ex.Message}");
            }
            else
            {
                log.Write(DicomNetworkLogLevel.Error, $"C-MOVE {messageId}: the sub-operations to {destinationTitle} failed unexpectedly", ex);
                comment = RetrieveComments.SubOperationsFailed;
            }
            counter.FailRemaining(SopInstanceUidsOf(files.Skip(reported)));
        }
        requestorLost?.Throw();

        var status = counter.FinalStatus(cancelled.IsCancellationRequested);
        // Nothing attempted and nothing to blame on the destination: the operation itself could not be performed.
        if (comment is not null && reported == 0) status = DimseStatus.UnableToProcess;
        log.Write(DicomNetworkLogLevel.Debug, $"C-MOVE {messageId} to {destinationTitle}: {counter.Counts}, status 0x{status:X4}");
        var failed = FailedSopInstanceUidList.Build(status == DimseStatus.Success ? [] : counter.FailedSopInstanceUids, out var truncated);
        if (truncated)
            log.Write(DicomNetworkLogLevel.Warning, $"C-MOVE {messageId}: the Failed SOP Instance UID List is cut to what one UI value holds");
        await Final(status, counter.Counts, comment, failed).ConfigureAwait(false);
    }

    /// <summary>The SOP Instance UIDs of files that were never sent, for the Failed SOP Instance UID List; a file that
    /// cannot be read is skipped (it is counted as failed all the same).</summary>
    private static IEnumerable<string> SopInstanceUidsOf(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            string? uid;
            try
            {
                uid = StoreCandidate.Read(file).SopInstanceUid;
            }
            catch (Exception ex) when (ex is global::Imaging.Dicom.IO.DicomFormatException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                uid = null;
            }
            if (uid is not null) yield return uid;
        }
    }
}
