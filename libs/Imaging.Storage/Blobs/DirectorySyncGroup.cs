using System.Collections.Concurrent;
using Imaging.Dicom.Network;

namespace Imaging.Storage;

/// <summary>Group commit for directory fsyncs: every caller that renamed a file into a folder gets an fsync of that folder
/// that <em>started after</em> its call, but concurrent callers share one.</summary>
/// <remarks>Several associations storing one series rename into the same folder at nearly the same time; fsyncing it once
/// per instance makes each wait for the others' flushes. Here, while one fsync of a folder is running, later callers for
/// that folder all wait for a single next one, started as soon as the running one ends: an fsync already under way when a
/// caller arrives may have missed its rename, so it never counts for that caller. A lone caller pays exactly one fsync,
/// as before. Folders are tracked only while a sync is running or wanted, so the table stays small.</remarks>
public sealed class DirectorySyncGroup
{
    private readonly ConcurrentDictionary<string, Folder> _folders = new(StringComparer.Ordinal);
    private readonly Action<string> _sync;

    /// <param name="sync">Makes a folder's entries durable (default <see cref="DurableFileSystem.SyncDirectory"/>);
    /// called on a thread-pool thread, never twice at once for the same folder.</param>
    public DirectorySyncGroup(Action<string>? sync = null) => _sync = sync ?? DurableFileSystem.SyncDirectory;

    /// <summary>Completes once an fsync of <paramref name="directory"/> that started after this call has succeeded
    /// (faults with its exception otherwise). Call it after the rename it must cover.</summary>
    public Task SyncAsync(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        while (true)
        {
            var folder = _folders.GetOrAdd(directory, static d => new Folder(d));
            lock (folder)
            {
                // Retired: removed from the table by its last sync while this caller held the old instance; take the new one.
                if (folder.Retired) continue;
                if (folder.Running is null)
                {
                    folder.Running = Start(folder);
                    return folder.Running;
                }
                folder.Next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return folder.Next.Task;
            }
        }
    }

    /// <summary>Runs one fsync of the folder; under the folder's lock.</summary>
    private Task Start(Folder folder)
    {
        var sync = Task.Run(() => _sync(folder.Path));
        // Queued, never inline: run inline on an fsync that already ended, it would re-enter the lock held here.
        _ = sync.ContinueWith(static (_, state) =>
        {
            var (group, folder) = ((DirectorySyncGroup, Folder))state!;
            group.Finished(folder);
        }, (this, folder), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return sync;
    }

    /// <summary>The running fsync ended: start the one the waiting callers need, or forget the folder.</summary>
    private void Finished(Folder folder)
    {
        TaskCompletionSource? waiting;
        Task next;
        lock (folder)
        {
            waiting = folder.Next;
            folder.Next = null;
            if (waiting is null)
            {
                folder.Running = null;
                folder.Retired = true;
                _folders.TryRemove(new KeyValuePair<string, Folder>(folder.Path, folder));
                return;
            }
            next = folder.Running = Start(folder);
        }
        _ = next.ContinueWith(static (t, state) =>
        {
            var completion = (TaskCompletionSource)state!;
            if (t.IsFaulted) completion.TrySetException(t.Exception!.InnerExceptions);
            else completion.TrySetResult();
        }, waiting, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>One folder's state; guarded by locking the instance.</summary>
    private sealed class Folder(string path)
    {
        public string Path { get; } = path;

        /// <summary>The fsync under way, if any.</summary>
        public Task? Running { get; set; }

        /// <summary>Callers that arrived while <see cref="Running"/> was under way: they need the next fsync.</summary>
        public TaskCompletionSource? Next { get; set; }

        public bool Retired { get; set; }
    }
}
