using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using static Imaging.Storage.Tests.TestInstances;

namespace Imaging.Storage.Tests;

/// <summary>When PostgreSQL is away, ingest must fail fast (the gateway answers the sender a failure) rather than hang.</summary>
public sealed class PostgresAvailabilityTests
{
    /// <summary>The connect timeout (5 s) plus slack for a busy machine; a hang would be Npgsql's 15 s or forever.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(PostgresImagingStore.DefaultConnectTimeoutSeconds + 4);

    [Fact]
    public async Task Recording_fails_promptly_once_the_server_is_stopped()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await cluster.CreateDatabaseAsync();
        await using var store = new PostgresImagingStore(database);
        await store.MigrateAsync(CancellationToken.None);
        await store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1"), Quiet, CancellationToken.None);

        await cluster.StopAsync();
        var watch = Stopwatch.StartNew();
        var failure = await Record.ExceptionAsync(() => store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.2"), Quiet, CancellationToken.None));
        watch.Stop();

        Assert.NotNull(failure);
        Assert.True(watch.Elapsed < Prompt, $"took {watch.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => store.PingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Recording_fails_within_the_connect_timeout_when_the_server_never_answers()
    {
        // A listener that accepts connections and never speaks: what a hung or unreachable-but-listening server looks like.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true) accepted.Add(await silent.AcceptSocketAsync(stop.Token));
            }
            catch (OperationCanceledException)
            {
                // The test is over.
            }
        });
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var store = new PostgresImagingStore($"Host=127.0.0.1;Port={port};Username=postgres;Database=imaging");

        var watch = Stopwatch.StartNew();
        var failure = await Record.ExceptionAsync(() => store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1"), Quiet, CancellationToken.None));
        watch.Stop();

        await stop.CancelAsync();
        await accepting;
        foreach (var socket in accepted) socket.Dispose();
        Assert.NotNull(failure);
        Assert.True(watch.Elapsed < Prompt, $"took {watch.Elapsed}");
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(PostgresImagingStore.DefaultConnectTimeoutSeconds - 1), $"gave up after only {watch.Elapsed}: {failure}");
    }
}
