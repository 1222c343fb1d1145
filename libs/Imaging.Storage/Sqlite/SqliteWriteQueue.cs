using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage.Sqlite;

/// <summary>Every write of one store goes through one connection, one batch at a time (group commit).</summary>
/// <remarks>SQLite allows one writer: several associations writing through their own connections would only queue on the
/// database lock, each paying its own fsync. Here the writes that arrive while a commit is on its way to the disk are
/// run together in the next transaction (each in a savepoint, so one failing write fails alone) and share one fsync.
/// A caller waits until the transaction holding its write is committed. <c>BEGIN IMMEDIATE</c> takes the write lock up
/// front, so other processes on the same file are serialized too (they wait up to the busy timeout).
/// <para>Bookkeeping writes that may be lost in a crash (the outbox relay's leases and deletions: losing one only means
/// a message is published again, which at-least-once delivery allows) are queued with <c>durable: false</c>. A batch
/// made only of those commits with <c>synchronous=NORMAL</c>: no fsync of its own. Its WAL frames reach the disk with the
/// next durable commit (the WAL is one file, appended in order), so a durable write is never less durable for it, and
/// the relay no longer puts two fsyncs into the writer's queue for every instance ingested.</para></remarks>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    /// <summary>Enough to absorb every association of a busy gateway; a bigger batch only delays its first caller.</summary>
    private const int MaximumBatch = 128;

    private readonly Func<SqliteConnection> _open;
    private readonly Channel<SqliteWrite> _queue = Channel.CreateUnbounded<SqliteWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private SqliteWriteContext? _context;

    public SqliteWriteQueue(Func<SqliteConnection> open)
    {
        _open = open;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Runs <paramref name="work"/> inside a write transaction; completes once that transaction is committed.</summary>
    /// <remarks>Cancellation is honoured until the write starts; after that the caller waits for the commit, so a caller
    /// never walks away from a write that later commits.</remarks>
    /// <param name="durable">False only for writes whose loss in a crash is harmless (see the remarks).</param>
    public Task<T> RunAsync<T>(Func<SqliteWriteContext, T> work, CancellationToken cancellationToken, bool durable = true)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new SqliteWrite<T>(work, durable, cancellationToken);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(SqliteImagingStore));
        return write.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<SqliteWrite>(MaximumBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaximumBatch && _queue.Reader.TryRead(out var write))
            {
                if (write.CancellationToken.IsCancellationRequested) write.Cancel();
                else batch.Add(write);
            }
            if (batch.Count > 0) Execute(batch);
            batch.Clear();
        }
        _context?.Dispose();
        _context = null;
    }

    private void Execute(List<SqliteWrite> batch)
    {
        var done = new List<SqliteWrite>(batch.Count);
        try
        {
            _context ??= new SqliteWriteContext(_open());
            _context.SetDurable(batch.Exists(static w => w.Durable));
            using var transaction = _context.Connection.BeginTransaction(deferred: false);
            _context.Transaction = transaction;
            // A lone write needs no savepoint: when it fails, the whole (empty) transaction is rolled back.
            var savepoints = batch.Count > 1;
            foreach (var write in batch) ExecuteOne(write, transaction, savepoints, done);
            if (done.Count > 0) transaction.Commit();
        }
        catch (Exception ex)
        {
            // The transaction itself (begin, a savepoint rollback, the commit) or the database failed: nothing of the batch
            // is kept, every write still waiting hears why, and the next batch starts on a fresh connection.
            foreach (var write in batch) write.Fail(ex);
            _context?.Dispose();
            _context = null;
            return;
        }
        foreach (var write in done) write.Complete();
    }

    private void ExecuteOne(SqliteWrite write, SqliteTransaction transaction, bool savepoint, List<SqliteWrite> done)
    {
        if (savepoint) transaction.Save("write");
        try
        {
            write.Execute(_context!);
            if (savepoint) transaction.Release("write");
            done.Add(write);
        }
        catch (Exception ex) when (ex is not SqliteException || IsStatementError((SqliteException)ex))
        {
            // A constraint, bad input or a mapping error of this write alone: undo its statements, keep the others.
            if (savepoint)
            {
                transaction.Rollback("write");
                transaction.Release("write");
            }
            write.Fail(ex);
        }
    }

    /// <summary>Errors of one statement (a constraint, bad input) rather than of the database (I/O, full disk, busy):
    /// only the former may fail one write and let the rest of the batch commit.</summary>
    private static bool IsStatementError(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) is 19 /* CONSTRAINT */ or 20 /* MISMATCH */ or 25 /* RANGE */ or 1 /* ERROR */;

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    /// <summary>One queued write.</summary>
    private abstract class SqliteWrite(bool durable, CancellationToken cancellationToken)
    {
        public bool Durable { get; } = durable;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract void Execute(SqliteWriteContext context);

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Cancel();
    }

    /// <summary>A write whose result is handed to its caller only after the commit.</summary>
    private sealed class SqliteWrite<T>(Func<SqliteWriteContext, T> work, bool durable, CancellationToken cancellationToken)
        : SqliteWrite(durable, cancellationToken)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Execute(SqliteWriteContext context) => _result = work(context);

        public override void Complete() => _completion.TrySetResult(_result!);

        public override void Fail(Exception exception) => _completion.TrySetException(exception);

        public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
    }
}
