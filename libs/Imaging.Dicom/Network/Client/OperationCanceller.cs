namespace Imaging.Dicom.Network;

/// <summary>Sends at most one C-CANCEL-RQ for a running C-FIND, C-MOVE or C-GET, from whichever thread asks first
/// (a cancellation callback or the enumerating code), and drains the responses still owed after it.</summary>
internal sealed class OperationCanceller(DicomClientAssociation association, AcceptedPresentationContext context, ushort messageId)
{
    private readonly Lock _gate = new();
    private Task? _sending;

    public bool Triggered
    {
        get { lock (_gate) return _sending is not null; }
    }

    public void Trigger()
    {
        lock (_gate)
        {
            // Nothing else writes while responses are being read, so this send cannot interleave with another PDU.
            _sending ??= association.SendAsync(context, DimseQueryRetrieveCommands.CancelRequest(messageId), null, CancellationToken.None);
        }
    }

    public async Task WaitAsync()
    {
        Task? sending;
        lock (_gate) sending = _sending;
        if (sending is not null) await sending.ConfigureAwait(false);
    }

    /// <summary>Cancels (if not yet done) and reads responses up to the final one, so the association can be released.</summary>
    public async Task DrainAsync(ushort responseField)
    {
        Trigger();
        await WaitAsync().ConfigureAwait(false);
        while (true)
        {
            var message = await association.ReceiveMessageAsync(CancellationToken.None).ConfigureAwait(false);
            if (message.DataSet is not null) await message.DataSet.DisposeAsync().ConfigureAwait(false);
            var status = DicomClient.RequireResponse(message, responseField, messageId);
            if (!DimseStatus.IsPending(status)) return;
        }
    }
}
