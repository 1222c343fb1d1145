using System.Net;
using System.Text;

namespace Imaging.Api.Tests.DicomWeb;

/// <summary>Hostile STOW-RS and WADO-RS requests (security, issue 10): UIDs that try to climb out of the data folder,
/// endless part headers, a body over the request cap, a deflate bomb; each a clear error with nothing stored.</summary>
public sealed class StowHostileInputTests
{
    private const string Boundary = "hostile-boundary";

    private static HttpRequestMessage Post(string url, byte[] body, string? contentType = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? $"multipart/related; type=\"application/dicom\"; boundary={Boundary}");
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    private static byte[] Body(params byte[][] instances) =>
        MultipartTestReader.Build(Boundary, instances.Select(i => ((string?)"application/dicom", i)));

    /// <summary>Nothing kept anywhere under the host's root but the index database, and nothing left incoming.</summary>
    private static void AssertNothingStored(DicomWebHost host, string escapeName)
    {
        Assert.Empty(Directory.EnumerateFiles(host.Root, "*.dcm", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(host.Blobs.IncomingDirectory));
        // Nothing written beside or above the data folder under the name the request tried to smuggle in.
        var parent = Path.GetDirectoryName(Path.GetFullPath(host.Root))!;
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent, $"{escapeName}*", SearchOption.TopDirectoryOnly));
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.Root, $"{escapeName}*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../../escaped-sop")]
    [InlineData("1.2.3/../../escaped-sop")]
    [InlineData("/tmp/escaped-sop")]
    public async Task A_stow_part_whose_sop_instance_uid_is_a_path_fails_and_nothing_is_written(string sopInstanceUid)
    {
        await using var host = await DicomWebHost.StartAsync();
        var study = TestInstances.NewUid();
        var hostile = TestInstances.ToBytes(TestInstances.Create(study, TestInstances.NewUid(), sopInstanceUid));

        using var response = await host.Client.SendAsync(Post("/dicomweb/studies", Body(hostile)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("00081198", await response.Content.ReadAsStringAsync()); // Failed SOP Sequence
        AssertNothingStored(host, "escaped-sop");
    }

    [Fact]
    public async Task A_stow_part_whose_series_or_study_uid_is_a_path_fails_and_nothing_is_written()
    {
        await using var host = await DicomWebHost.StartAsync();
        var bySeries = TestInstances.ToBytes(TestInstances.Create(TestInstances.NewUid(), "../../escaped-series", TestInstances.NewUid()));
        var byStudy = TestInstances.ToBytes(TestInstances.Create("../escaped-study", TestInstances.NewUid(), TestInstances.NewUid()));

        using var response = await host.Client.SendAsync(Post("/dicomweb/studies", Body(bySeries, byStudy)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        AssertNothingStored(host, "escaped-s");
    }

    [Theory]
    [InlineData("/dicomweb/studies/..%2F..%2Fetc/series/1.2/instances/1.3")]
    [InlineData("/dicomweb/studies/1.2/series/..%2F..%2F/instances/1.3/metadata")]
    [InlineData("/dicomweb/studies/1.2/series/1.3/instances/..%2F..%2Findex.db")]
    [InlineData("/dicomweb/studies/1.2/series/1.3/instances/1.4/bulkdata/..%2F..%2Findex.db")]
    [InlineData("/dicomweb/studies/1.2/series/1.3/instances/1.4/bulkdata/../../../index.db")]
    [InlineData("/dicomweb/studies/1.2/series/1.3/instances/1.4/frames/..%2F1")]
    public async Task Wado_routes_with_dot_dot_parameters_are_refused_without_reading_any_file(string url)
    {
        await using var host = await DicomWebHost.StartAsync();
        await host.StoreAsync(TestInstances.Create(TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid()));

        using var response = await host.Client.GetAsync(url);

        // HttpClient folds literal dot segments before sending, so those land on another route (404/405): never a file.
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed,
            $"{url}: {(int)response.StatusCode}");
        var body = await response.Content.ReadAsByteArrayAsync();
        // Never the SQLite index (or any other file) served back.
        Assert.False(body.AsSpan().StartsWith("SQLite format"u8), url);
    }

    [Fact]
    public async Task A_part_with_endless_headers_or_one_huge_header_is_400_and_stores_nothing()
    {
        await using var host = await DicomWebHost.StartAsync();
        var instance = TestInstances.ToBytes(TestInstances.Create(TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid()));
        byte[] Part(string headers) =>
        [
            .. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: application/dicom\r\n{headers}\r\n"),
            .. instance,
            .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n"),
        ];
        var manyHeaders = string.Concat(Enumerable.Range(0, 5000).Select(i => $"X-Filler-{i}: {i}\r\n"));
        var hugeHeader = $"X-Huge: {new string('a', 64 * 1024)}\r\n";

        using var many = await host.Client.SendAsync(Post("/dicomweb/studies", Part(manyHeaders)));
        using var huge = await host.Client.SendAsync(Post("/dicomweb/studies", Part(hugeHeader)));

        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal("application/problem+json", many.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        AssertNothingStored(host, "none");
    }

    [Fact]
    public async Task A_multipart_without_boundary_or_with_an_overlong_one_is_400()
    {
        await using var host = await DicomWebHost.StartAsync();
        var body = Body(TestInstances.ToBytes(TestInstances.Create(TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid())));

        using var none = await host.Client.SendAsync(Post("/dicomweb/studies", body, "multipart/related; type=\"application/dicom\""));
        using var overlong = await host.Client.SendAsync(Post("/dicomweb/studies", body, $"multipart/related; type=\"application/dicom\"; boundary={new string('b', 71)}"));

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, overlong.StatusCode);
        AssertNothingStored(host, "none");
    }

    [Fact]
    public async Task A_body_over_the_request_cap_is_413_even_when_each_part_is_within_its_own()
    {
        await using var host = await DicomWebHost.StartAsync(new()
        {
            ["DicomWeb:Stow:MaxPartBytes"] = "40000",
            ["DicomWeb:Stow:MaxRequestBytes"] = "50000",
        });
        var study = TestInstances.NewUid();
        var part = TestInstances.ToBytes(TestInstances.Create(study, TestInstances.NewUid(), TestInstances.NewUid(), frames: 1, rows: 100, columns: 128));
        Assert.InRange(part.Length, 25001, 40000);

        using var response = await host.Client.SendAsync(Post("/dicomweb/studies", Body(part, part)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertNothingStored(host, "none");
    }

    [Fact]
    public async Task A_deflated_part_that_inflates_past_the_cap_fails_cleanly_and_nothing_is_stored()
    {
        await using var host = await DicomWebHost.StartAsync();
        var bomb = Imaging.Gateway.Tests.HostileDicomFiles.DeflateBomb(TestInstances.NewUid(), TestInstances.NewUid(), inflatedBytes: 600L * 1024 * 1024);
        Assert.True(bomb.Length < 16 * 1024 * 1024, $"the bomb is {bomb.Length} bytes");

        using var response = await host.Client.SendAsync(Post("/dicomweb/studies", Body(bomb)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("00081198", await response.Content.ReadAsStringAsync());
        AssertNothingStored(host, "none");
    }
}
