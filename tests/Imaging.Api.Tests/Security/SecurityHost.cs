using Imaging.Api.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using Imaging.Api.Security;
using Imaging.Storage;
using Imaging.Worker.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.Tests.Security;

/// <summary>The API with security on a test server, configured per test through <c>Auth:*</c> keys; besides the real API it
/// maps a research probe (the Research policy), a DICOMweb-shaped clinical probe and an open /health, the way the lead will
/// map the other helpers' groups.</summary>
public sealed class SecurityHost : IAsyncDisposable
{
    /// <summary>Header a test sets to pose as a client at that IP address (the test server has none of its own).</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    private readonly WebApplication _app;

    private SecurityHost(WebApplication app, IAuditLog audit, CapturingLoggerProvider logs, FakeImagingStore store)
    {
        _app = app;
        Store = store;
        Audit = audit;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }
    public IAuditLog Audit { get; }
    public CapturingLoggerProvider Logs { get; }
    public FakeImagingStore Store { get; }

    public static async Task<SecurityHost> StartAsync(IDictionary<string, string?> settings, bool loopbackOnly = false, IAuditLog? audit = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        var store = new FakeImagingStore();
        audit ??= new InMemoryAuditLog();
        builder.Services.AddSingleton<IStudyQueries>(store);
        builder.Services.AddSingleton<IFindingsStore>(store);
        builder.Services.AddSingleton(audit);
        builder.Services.AddImagingSecurity(builder.Configuration, loopbackOnly);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(RemoteAddressHeader, out var address)) context.Connection.RemoteIpAddress = IPAddress.Parse(address!);
            return next(context);
        });
        app.UseImagingSecurity();
        app.MapImagingApi();
        app.MapGet("/health", () => "ok");
        app.MapGroup("/api/research").RequireAuthorization(ImagingPolicies.Research).MapGet("/probe", () => "de-identified");
        app.MapGroup("/dicomweb").RequireAuthorization(ImagingPolicies.Clinical)
            .MapGet("/studies/{study}/series/{series}/instances/{instance}", (string study) => Results.Text($"instance of {study}"));
        app.MapGroup("/api/patients").RequireAuthorization(ImagingPolicies.Clinical).MapGet("/{id}/timeline", (string id) => Results.Text(id));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(cts.Token);
        return new SecurityHost(app, audit, logs, store);
    }

    /// <summary>Settings with one API key per role (keys returned by role) and, when <paramref name="hmacSecret"/> is given,
    /// JWT validation with that secret in a file of <paramref name="folder"/>.</summary>
    public static Dictionary<string, string?> Settings(string folder, out Dictionary<string, string> keys, byte[]? hmacSecret = null)
    {
        keys = [];
        var settings = new Dictionary<string, string?>();
        var i = 0;
        foreach (var role in ImagingRoles.All)
        {
            var key = TestCredentials.NewApiKey();
            keys[role] = key;
            settings[$"Auth:ApiKeys:{i}:Name"] = $"{role}-key";
            settings[$"Auth:ApiKeys:{i}:Role"] = role;
            settings[$"Auth:ApiKeys:{i}:Sha256"] = TestCredentials.Sha256(key);
            i++;
        }
        if (hmacSecret is not null)
        {
            var file = Path.Combine(folder, "jwt.key");
            File.WriteAllBytes(file, hmacSecret);
            settings["Auth:Jwt:SigningKeyFile"] = file;
            settings["Auth:Jwt:Issuer"] = TestCredentials.Issuer;
            settings["Auth:Jwt:Audience"] = TestCredentials.Audience;
        }
        return settings;
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? apiKey = null, string? bearer = null, string? remoteAddress = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (remoteAddress is not null) request.Headers.Add(RemoteAddressHeader, remoteAddress);
        return Client.SendAsync(request);
    }

    /// <summary>The audit entries once <paramref name="count"/> are written (the writer is asynchronous), newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditEntriesAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var entries = await Audit.QueryAuditAsync(new AuditQuery(Limit: AuditQuery.MaximumLimit), timeout.Token);
            if (entries.Count >= count) return entries;
            await Task.Delay(10, timeout.Token);
        }
    }

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(cts.Token);
    }

    public ValueTask DisposeAsync() => TestHostTeardown.DisposeAsync(Client, _app);
}
