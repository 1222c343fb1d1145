namespace Imaging.Gateway.Pipeline;

/// <summary>Tells the outbox relay that rows were just committed, so it publishes them now instead of at its next poll.</summary>
public interface IOutboxNotifier
{
    /// <summary>Cheap and non-blocking; call it after every commit that added outbox rows.</summary>
    void Notify();
}
