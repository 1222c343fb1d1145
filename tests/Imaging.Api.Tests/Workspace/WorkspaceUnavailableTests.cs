using System.Net;
using System.Net.Sockets;
using Imaging.Api.Workspace;
using Imaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Imaging.Api.Tests.Workspace;

/// <summary>While the index database is down the workspace answers 503 problems with Retry-After, as the studies API does.</summary>
public sealed class WorkspaceUnavailableTests
{
    [Theory]
    [InlineData("/api/patients?q=doe")]
    [InlineData("/api/patients/P1")]
    [InlineData("/api/patients/P1/timeline")]
    [InlineData("/api/patients/P1/comparison")]
    [InlineData("/api/findings/search")]
    [InlineData("/api/research/findings")]
    public async Task An_unreachable_database_is_a_503_problem(string path)
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.Services.AddSingleton<IPatientQueries>(new UnreachablePatientQueries(refused));
        builder.Services.AddSingleton<IFindingsStore>(new UnreachableStore(refused));
        builder.Services.AddImagingWorkspace(new ConfigurationBuilder().Build());
        await using var app = builder.Build();
        app.MapImagingWorkspace();
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        await app.StopAsync();
    }
}
