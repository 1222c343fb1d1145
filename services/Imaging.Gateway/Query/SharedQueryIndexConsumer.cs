using Imaging.Contracts;
using Imaging.Storage;
using MassTransit;

namespace Imaging.Gateway.Query;

/// <summary>Keeps this gateway's C-FIND / C-MOVE / C-GET index in step with instances other gateways store in the shared
/// data folder: every gateway gets every InstanceStored on its own queue and reads the new header.</summary>
public sealed class SharedQueryIndexConsumer(DicomGatewayService gateway, IBlobStore blobs) : IConsumer<InstanceStored>
{
    public Task Consume(ConsumeContext<InstanceStored> context)
    {
        var message = context.Message;
        var path = blobs.GetPath(blobs.GetKey(new InstanceKey(message.StudyInstanceUid, message.SeriesInstanceUid, message.SopInstanceUid)));
        gateway.IndexSharedInstance(message.SopInstanceUid, path, message.Replaced);
        return Task.CompletedTask;
    }
}
