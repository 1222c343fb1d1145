using System.Runtime.CompilerServices;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>A DICOM SCU: verification (C-ECHO), sending files (C-STORE), query (C-FIND) and retrieve (C-MOVE, C-GET), one association per call.</summary>
public sealed class DicomClient
{
    private const int MaximumPresentationContexts = StorePresentationContexts.MaximumPerAssociation;

    private static readonly DicomTransferSyntax[] UncompressedFallbacks =
        [DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian];

    private readonly DicomClientOptions _options;

    public DicomClient(DicomClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Announcing 0 ("no limit") would leave our reader without a cap on what the peer may send.
        if (options.MaximumPduLength <= PduWriter.PdvHeaderLength)
            throw new ArgumentException("The maximum PDU length must leave room for PDV data.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AssociationTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.DimseTimeout, TimeSpan.Zero);
        _options = options;
    }

    /// <summary>Opens an association, sends one C-ECHO and releases.</summary>
    /// <returns>The C-ECHO-RSP status.</returns>
    /// <exception cref="DicomAssociationRejectedException">The peer rejected the association.</exception>
    /// <exception cref="DicomAssociationAbortedException">The peer aborted it or closed the connection.</exception>
    public async Task<ushort> EchoAsync(CancellationToken cancellationToken = default)
    {
        var verification = new PresentationContextRequest(1, DicomUids.Verification.Uid,
            [DicomTransferSyntax.ExplicitVRLittleEndian.Uid, DicomTransferSyntax.ImplicitVRLittleEndian.Uid]);
        await using var association = await DicomClientAssociation.OpenAsync(_options, [verification], cancellationToken).ConfigureAwait(false);
        var context = association.Association.PresentationContexts.FirstOrDefault()
            ?? throw new InvalidOperationException($"{_options.CalledAETitle} does not accept the Verification SOP class.");
        var response = await association.SendRequestAsync(context, DimseCommands.EchoRequest(association.NextMessageId()), null, cancellationToken)
            .ConfigureAwait(false);
        await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        return DimseCommands.GetStatus(response) ?? throw new DicomNetworkProtocolException("C-ECHO-RSP has no Status", AbortReason.InvalidPduParameterValue);
    }

    /// <summary>Queries the peer with C-FIND (PS3.4 C.4.1) over one association, yielding each Pending response's identifier.</summary>
    /// <remarks>Cancelling <paramref name="cancellationToken"/>, or stopping the enumeration early, sends C-CANCEL-RQ;
    /// the remaining responses up to the final one are read and dropped so the association is released cleanly, and a
    /// cancellation then surfaces as <see cref="OperationCanceledException"/>.</remarks>
    /// <param name="identifier">Matching and return keys; Query/Retrieve Level is set from <paramref name="level"/> (the caller's data set is not changed).</param>
    /// <exception cref="DicomOperationFailedException">The final status is a failure.</exception>
    public async IAsyncEnumerable<DicomDataset> FindAsync(QueryRetrieveLevel level, QueryInformationModel model, DicomDataset identifier,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var sopClass = model.FindSopClass();
        await using var association = await DicomClientAssociation.OpenAsync(_options,
            [new PresentationContextRequest(1, sopClass, [.. UncompressedFallbacks.Select(s => s.Uid)])], cancellationToken).ConfigureAwait(false);
        var context = association.Association.PresentationContexts.FirstOrDefault(c => c.AbstractSyntax == sopClass)
            ?? throw new InvalidOperationException($"{_options.CalledAETitle} does not accept {sopClass}.");
        var query = WithLevel(identifier, level);
        var messageId = association.NextMessageId();
        await association.SendAsync(context, DimseQueryRetrieveCommands.FindRequest(messageId, sopClass), DimseDataSetCodec.Encode(query, context.TransferSyntax),
            cancellationToken).ConfigureAwait(false);

        var cancel = new OperationCanceller(association, context, messageId);
        // Set while the consumer holds a match: if the enumeration is disposed there, it stopped early and the rest of
        // the operation must be cancelled and drained; any other way out of the loop is an error or the end.
        var atYield = false;
        try
        {
            using (cancellationToken.Register(cancel.Trigger))
            {
                while (true)
                {
                    // Responses are read regardless of cancellation: after a C-CANCEL the peer still owes a final response.
                    var message = await association.ReceiveMessageAsync(CancellationToken.None).ConfigureAwait(false);
                    var status = RequireResponse(message, DimseCommandField.CFindResponse, messageId);
                    if (DimseStatus.IsPending(status))
                    {
                        DicomDataset? match = message.DataSet is null ? null : DimseDataSetCodec.Decode(message.DataSet, context.TransferSyntax);
                        if (message.DataSet is not null) await message.DataSet.DisposeAsync().ConfigureAwait(false);
                        if (match is not null && !cancel.Triggered)
                        {
                            atYield = true;
                            yield return match;
                            atYield = false;
                        }
                        continue;
                    }
                    if (message.DataSet is not null) await message.DataSet.DisposeAsync().ConfigureAwait(false);
                    if (DimseStatus.IsFailure(status))
                        throw new DicomOperationFailedException(status, message.Command.GetString(DicomTags.ErrorComment));
                    break;
                }
            }
        }
        finally
        {
            await cancel.WaitAsync().ConfigureAwait(false);
            if (atYield)
            {
                // Disposal runs only finally blocks: the release after the loop is never reached on this path.
                await cancel.DrainAsync(DimseCommandField.CFindResponse).ConfigureAwait(false);
                await association.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        await association.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Asks the peer to send the matching instances to <paramref name="destinationAETitle"/> with C-MOVE (PS3.4 C.4.2).</summary>
    /// <remarks>Cancelling sends C-CANCEL-RQ; the peer's final response (normally Cancel 0xFE00) is still awaited and returned.</remarks>
    /// <returns>The final status and counts; failure statuses are returned, not thrown, since sub-operations may have run.</returns>
    public async Task<CRetrieveResult> MoveAsync(string destinationAETitle, QueryRetrieveLevel level, DicomDataset identifier,
        QueryInformationModel model = QueryInformationModel.StudyRoot, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationAETitle);
        ArgumentNullException.ThrowIfNull(identifier);
        var sopClass = model.MoveSopClass();
        await using var association = await DicomClientAssociation.OpenAsync(_options,
            [new PresentationContextRequest(1, sopClass, [.. UncompressedFallbacks.Select(s => s.Uid)])], cancellationToken).ConfigureAwait(false);
        var context = association.Association.PresentationContexts.FirstOrDefault(c => c.AbstractSyntax == sopClass)
            ?? throw new InvalidOperationException($"{_options.CalledAETitle} does not accept {sopClass}.");
        var messageId = association.NextMessageId();
        await association.SendAsync(context, DimseQueryRetrieveCommands.MoveRequest(messageId, sopClass, destinationAETitle),
            DimseDataSetCodec.Encode(WithLevel(identifier, level), context.TransferSyntax), cancellationToken).ConfigureAwait(false);

        return await AwaitRetrieveResultAsync(association, context, messageId, DimseCommandField.CMoveResponse, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads Pending responses (handing C-STORE sub-operation requests of a C-GET to <paramref name="onStoreRequest"/>)
    /// until the final one, sends C-CANCEL if <paramref name="cancellationToken"/> fires, then releases.</summary>
    private static async Task<CRetrieveResult> AwaitRetrieveResultAsync(DicomClientAssociation association, AcceptedPresentationContext context,
        ushort messageId, ushort responseField, Func<DimseMessage, Task>? onStoreRequest, CancellationToken cancellationToken)
    {
        var cancel = new OperationCanceller(association, context, messageId);
        DimseMessage final;
        DicomDataset? identifier;
        using (cancellationToken.Register(cancel.Trigger))
        {
            while (true)
            {
                var message = await association.ReceiveMessageAsync(CancellationToken.None).ConfigureAwait(false);
                if (onStoreRequest is not null && DimseCommands.GetCommandField(message.Command) == DimseCommandField.CStoreRequest)
                {
                    await onStoreRequest(message).ConfigureAwait(false);
                    continue;
                }
                var pending = DimseStatus.IsPending(RequireResponse(message, responseField, messageId));
                // Only the final response's identifier matters (the Failed SOP Instance UID List); a Pending one may
                // carry one too (PS3.4 C.4.2.1.4), which nothing here uses.
                identifier = !pending && message.DataSet is not null ? DimseDataSetCodec.Decode(message.DataSet, context.TransferSyntax) : null;
                if (message.DataSet is not null) await message.DataSet.DisposeAsync().ConfigureAwait(false);
                if (!pending)
                {
                    final = message;
                    break;
                }
            }
        }
        await cancel.WaitAsync().ConfigureAwait(false);
        await association.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        return ReadRetrieveResult(final.Command) with { FailedSopInstanceUids = identifier?.GetStrings(DicomTags.FailedSOPInstanceUIDList) ?? [] };
    }

    /// <summary>Common storage SOP classes a C-GET proposes to receive when the caller names none (an association carries
    /// at most 128 presentation contexts, so not every storage class can be offered at once).</summary>
    public static IReadOnlyList<string> DefaultGetStorageSopClasses { get; } =
    [
        DicomUids.CTImageStorage.Uid, DicomUids.MRImageStorage.Uid, DicomUids.SecondaryCaptureImageStorage.Uid, DicomUids.ComputedRadiographyImageStorage.Uid,
        DicomUids.DigitalXRayImageStorageForPresentation.Uid, DicomUids.UltrasoundImageStorage.Uid, DicomUids.UltrasoundMultiFrameImageStorage.Uid,
        DicomUids.NuclearMedicineImageStorage.Uid, DicomUids.PositronEmissionTomographyImageStorage.Uid, DicomUids.XRayAngiographicImageStorage.Uid,
        DicomUids.XRayRadiofluoroscopicImageStorage.Uid, DicomUids.DigitalMammographyXRayImageStorageForPresentation.Uid, DicomUids.EnhancedCTImageStorage.Uid,
        DicomUids.EnhancedMRImageStorage.Uid, DicomUids.MultiFrameTrueColorSecondaryCaptureImageStorage.Uid, DicomUids.BasicTextSRStorage.Uid,
        DicomUids.EnhancedSRStorage.Uid, DicomUids.ComprehensiveSRStorage.Uid, DicomUids.KeyObjectSelectionDocumentStorage.Uid,
        DicomUids.GrayscaleSoftcopyPresentationStateStorage.Uid, DicomUids.EncapsulatedPDFStorage.Uid, DicomUids.RTImageStorage.Uid,
        DicomUids.RTDoseStorage.Uid, DicomUids.RTStructureSetStorage.Uid, DicomUids.RTPlanStorage.Uid,
    ];

    /// <summary>Retrieves the matching instances with C-GET (PS3.4 C.4.3): the peer sends them back on this association
    /// as C-STORE sub-operations, which are written to <paramref name="sinkDirectory"/> as <c>&lt;SOP Instance UID&gt;.dcm</c>.</summary>
    /// <remarks>Each storage class in <paramref name="storageSopClasses"/> (default <see cref="DefaultGetStorageSopClasses"/>) is proposed
    /// with the SCP role (role selection, PS3.7 D.3.3.4) in the uncompressed little endian syntaxes, and once more in
    /// each of <paramref name="storageTransferSyntaxes"/> on a context of its own, so that a peer which does not
    /// transcode can still send what it holds compressed; when they do not all fit in the 128 contexts of an
    /// association, the last ones share one context per class, on which the peer picks one. Data sets stream to disk,
    /// never whole in memory, and are kept in the syntax they arrived in. Cancelling sends C-CANCEL-RQ; the final
    /// response is still awaited and returned.</remarks>
    /// <param name="storageTransferSyntaxes">Further syntaxes to receive in, most wanted first (e.g. JPEG Baseline, RLE
    /// Lossless); none by default.</param>
    public async Task<CRetrieveResult> GetAsync(QueryRetrieveLevel level, DicomDataset identifier, string sinkDirectory,
        QueryInformationModel model = QueryInformationModel.StudyRoot, IReadOnlyCollection<string>? storageSopClasses = null,
        IReadOnlyCollection<DicomTransferSyntax>? storageTransferSyntaxes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentException.ThrowIfNullOrEmpty(sinkDirectory);
        var sopClass = model.GetSopClass();
        var storage = (storageSopClasses ?? DefaultGetStorageSopClasses).Distinct(StringComparer.Ordinal).ToList();
        var uncompressed = UncompressedFallbacks.Select(s => s.Uid).ToArray();
        var further = (storageTransferSyntaxes ?? []).Select(s => s.Uid).Where(uid => !uncompressed.Contains(uid)).Distinct(StringComparer.Ordinal).ToList();
        if (1 + storage.Count > MaximumPresentationContexts)
            throw new ArgumentException($"{storage.Count} storage SOP classes need {1 + storage.Count} presentation contexts; " +
                $"an association carries at most {MaximumPresentationContexts}.", nameof(storageSopClasses));
        var contexts = GetPresentationContexts.Propose(sopClass, storage, uncompressed, further);
        var roles = storage.Select(uid => new RoleSelection(uid, ScuRole: false, ScpRole: true)).ToList();
        var incoming = Path.Combine(Path.GetFullPath(sinkDirectory), ".incoming");
        Directory.CreateDirectory(incoming);

        await using var association = await DicomClientAssociation.OpenAsync(_options, contexts, roles,
            new GetDataSinkFactory(incoming, _options.CallingAETitle, 16 * 1024 * 1024), cancellationToken).ConfigureAwait(false);
        var context = association.Association.PresentationContexts.FirstOrDefault(c => c.AbstractSyntax == sopClass)
            ?? throw new InvalidOperationException($"{_options.CalledAETitle} does not accept {sopClass}.");
        var messageId = association.NextMessageId();
        await association.SendAsync(context, DimseQueryRetrieveCommands.GetRequest(messageId, sopClass),
            DimseDataSetCodec.Encode(WithLevel(identifier, level), context.TransferSyntax), cancellationToken).ConfigureAwait(false);

        return await AwaitRetrieveResultAsync(association, context, messageId, DimseCommandField.CGetResponse,
            message => ReceiveInstanceAsync(association, message, sinkDirectory), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps one C-STORE sub-operation's instance under its validated SOP Instance UID and answers it.</summary>
    private static async Task ReceiveInstanceAsync(DicomClientAssociation association, DimseMessage message, string sinkDirectory)
    {
        var sopClass = message.Command.GetSingleString(DimseCommandTags.AffectedSopClassUid);
        var sopInstance = message.Command.GetSingleString(DicomTags.AffectedSOPInstanceUID);
        ushort status;
        await using (message.DataSet)
        {
            if (message.DataSet is not CStoreTemporaryFileSink { IsComplete: true } file || message.PresentationContext.AbstractSyntax != sopClass
                || !message.PresentationContext.RequestorIsScp)
                status = DimseStatus.SopClassNotSupported;
            else if (!DicomUidValidator.IsValid(sopInstance))
                status = DimseStatus.CannotUnderstand;
            else
            {
                // The UID is validated, so it cannot steer the path out of the sink folder.
                File.Move(file.FilePath, Path.Combine(sinkDirectory, sopInstance + ".dcm"), overwrite: true);
                status = DimseStatus.Success;
            }
        }
        await association.SendAsync(message.PresentationContext,
            DimseCommands.StoreResponse(DimseCommands.GetMessageId(message.Command) ?? 0, sopClass, sopInstance, status), null, CancellationToken.None).ConfigureAwait(false);
    }

    internal static CRetrieveResult ReadRetrieveResult(DicomDataset command) => new(
        DimseCommands.GetStatus(command) ?? DimseStatus.ProcessingFailure,
        (int)(command.GetInteger(DicomTags.NumberOfCompletedSuboperations) ?? 0),
        (int)(command.GetInteger(DicomTags.NumberOfFailedSuboperations) ?? 0),
        (int)(command.GetInteger(DicomTags.NumberOfWarningSuboperations) ?? 0),
        command.GetString(DicomTags.ErrorComment));

    /// <summary>A copy of the caller's identifier with Query/Retrieve Level set; the caller's data set is not changed.</summary>
    private static DicomDataset WithLevel(DicomDataset identifier, QueryRetrieveLevel level)
    {
        var query = new DicomDataset(identifier.Where(a => a is DicomElement));
        foreach (var sequence in identifier.OfType<DicomSequence>()) query.Set(new DicomSequence(sequence.Tag, sequence.Items.Select(CopyFlat)));
        query.SetString(DicomTags.QueryRetrieveLevel, DicomVR.CS, level.ToCode());
        return query;
    }

    private static DicomDataset CopyFlat(DicomDataset item) => new(item.Where(a => a is DicomElement));

    /// <returns>The response's status, once it is checked to be <paramref name="field"/> answering <paramref name="messageId"/>.</returns>
    internal static ushort RequireResponse(DimseMessage message, ushort field, ushort messageId)
    {
        var command = message.Command;
        if (DimseCommands.GetCommandField(command) != field
            || (ushort?)command.GetInteger(DimseCommandTags.MessageIdBeingRespondedTo) != messageId)
            throw new DicomNetworkProtocolException($"Unexpected message while awaiting responses to message {messageId}", AbortReason.UnexpectedPduParameter);
        return DimseCommands.GetStatus(command) ?? throw new DicomNetworkProtocolException("Response has no Status", AbortReason.InvalidPduParameterValue);
    }

    /// <summary>Sends the files over one association: each file's SOP class is proposed with its own transfer syntax
    /// and, when uncompressed, the little endian ones as fallbacks. Data sets are streamed from disk. Files that need
    /// more presentation contexts than one association carries (128) go over several, one after the other, in order.</summary>
    /// <returns>One result per file, in order: the peer's status, or why the file was not sent.</returns>
    /// <exception cref="DicomAssociationRejectedException">The peer rejected the association.</exception>
    /// <exception cref="DicomAssociationAbortedException">The peer aborted it or closed the connection.</exception>
    public Task<IReadOnlyList<CStoreResult>> StoreAsync(IEnumerable<string> files, CancellationToken cancellationToken = default) =>
        StoreCoreAsync(files, null, null, cancellationToken);

    /// <summary>As <see cref="StoreAsync(IEnumerable{string}, CancellationToken)"/>, reporting progress after each file
    /// (files and bytes handled out of the total) to <paramref name="progress"/>, on the sending task itself.</summary>
    public Task<IReadOnlyList<CStoreResult>> StoreAsync(IEnumerable<string> files, IProgress<CStoreProgress>? progress,
        CancellationToken cancellationToken = default) =>
        StoreCoreAsync(files, null, progress, cancellationToken);

    /// <summary>As <see cref="StoreAsync(IEnumerable{string}, CancellationToken)"/>, reporting each file's result in
    /// order as it comes (unreadable files included, without being sent); <paramref name="onResult"/> returning false
    /// stops sending (the association is still released).</summary>
    public Task<IReadOnlyList<CStoreResult>> StoreAsync(IEnumerable<string> files, Func<CStoreResult, ValueTask<bool>>? onResult,
        CancellationToken cancellationToken = default) =>
        StoreCoreAsync(files, onResult, null, cancellationToken);

    private async Task<IReadOnlyList<CStoreResult>> StoreCoreAsync(IEnumerable<string> files, Func<CStoreResult, ValueTask<bool>>? onResult,
        IProgress<CStoreProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var results = new List<CStoreResult>();
        var candidates = new List<StoreCandidate?>();
        var sizes = new List<long>();
        foreach (var path in files)
        {
            try
            {
                candidates.Add(StoreCandidate.Read(path));
                results.Add(new CStoreResult(path, null, null, "not sent"));
            }
            catch (Exception ex) when (ex is DicomFormatException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                candidates.Add(null);
                results.Add(new CStoreResult(path, null, null, ex.Message));
            }
            sizes.Add(SizeOnDisk(path));
        }
        var bytesTotal = sizes.Sum();
        long bytesDone = 0;

        // Files needing more contexts than one association carries go over several, one after the other, in order.
        foreach (var run in StorePresentationContexts.Split(candidates))
        {
            var (first, count) = run.GetOffsetAndLength(candidates.Count);
            // No association for files none of which can be sent; they are still reported.
            var sendable = candidates.Skip(first).Take(count).OfType<StoreCandidate>().ToList();
            await using var association = sendable.Count > 0
                ? await DicomClientAssociation.OpenAsync(_options, StorePresentationContexts.Propose(sendable), cancellationToken).ConfigureAwait(false)
                : null;
            for (var i = first; i < first + count; i++)
            {
                if (candidates[i] is { } candidate) results[i] = await StoreOneAsync(association!, candidate, cancellationToken).ConfigureAwait(false);
                bytesDone += sizes[i];
                progress?.Report(new CStoreProgress(i + 1, results.Count, bytesDone, bytesTotal, results[i]));
                if (onResult is not null && !await onResult(results[i]).ConfigureAwait(false))
                {
                    if (association is not null) await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
                    return results;
                }
            }
            if (association is not null) await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        }
        return results;
    }

    private static long SizeOnDisk(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // A path that cannot even be measured is reported unreadable; it adds nothing to the byte counts.
            return 0;
        }
    }

    private static async Task<CStoreResult> StoreOneAsync(DicomClientAssociation association, StoreCandidate candidate, CancellationToken cancellationToken)
    {
        var contexts = association.Association.PresentationContexts.Where(c => c.AbstractSyntax == candidate.SopClassUid).ToList();
        var context = contexts.FirstOrDefault(c => c.TransferSyntax.Uid == candidate.TransferSyntax.Uid)
            ?? (candidate.CanBeTranscoded ? contexts.FirstOrDefault(c => UncompressedFallbacks.Contains(c.TransferSyntax)) : null);
        if (context is null)
            return new CStoreResult(candidate.FilePath, candidate.SopInstanceUid, null,
                $"no presentation context accepted for SOP class {candidate.SopClassUid} in {candidate.TransferSyntax.Name}");

        Stream opened;
        try
        {
            opened = await OpenDataSetAsync(candidate, context.TransferSyntax, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DicomFormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // Files are read once before the association opens; one that is gone or changed by its turn fails alone,
            // before any of it is sent, and the association goes on with the next.
            return new CStoreResult(candidate.FilePath, candidate.SopInstanceUid, null, ex.Message);
        }
        await using var dataSet = opened;
        var command = DimseCommands.StoreRequest(association.NextMessageId(), candidate.SopClassUid, candidate.SopInstanceUid);
        var response = await association.SendRequestAsync(context, command, dataSet, cancellationToken).ConfigureAwait(false);
        return new CStoreResult(candidate.FilePath, candidate.SopInstanceUid, DimseCommands.GetStatus(response));
    }

    /// <summary>The data set bytes to send: the file's own from its data set offset when the syntax matches;
    /// otherwise re-encoded into a temporary file (deleted on close) so that memory stays bounded either way.</summary>
    internal static async Task<Stream> OpenDataSetAsync(StoreCandidate candidate, DicomTransferSyntax syntax, CancellationToken cancellationToken)
    {
        if (syntax.Uid == candidate.TransferSyntax.Uid)
        {
            var file = new FileStream(candidate.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            file.Seek(candidate.DataSetOffset, SeekOrigin.Begin);
            return file;
        }
        var dataset = DicomFileReader.Read(candidate.FilePath).Dataset;
        var temporary = new FileStream(Path.Combine(Path.GetTempPath(), $"imaging-scu-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            DicomDatasetWriter.Write(temporary, dataset, syntax);
            await temporary.FlushAsync(cancellationToken).ConfigureAwait(false);
            temporary.Seek(0, SeekOrigin.Begin);
            return temporary;
        }
        catch
        {
            await temporary.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
