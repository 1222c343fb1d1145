using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Api.Tests.DicomWeb;

public sealed class StowTests
{
    private const string Boundary = "stow-test-boundary";

    private static HttpRequestMessage Post(string url, byte[] body, string? contentType = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? $"multipart/related; type=\"application/dicom\"; boundary={Boundary}");
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    private static byte[] Body(params byte[][] instances) =>
        MultipartTestReader.Build(Boundary, instances.Select(i => ((string?)"application/dicom", i)));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/dicom+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return document.RootElement.Clone();
    }

    private static int Count(JsonElement response, string sequence) =>
        response.TryGetProperty(sequence, out var element) && element.TryGetProperty("Value", out var items) ? items.GetArrayLength() : 0;

    private static async Task AssertNothingStoredAsync(DicomWebHost host, string study)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Null(await host.Store.GetStudyAsync(study, cts.Token));
        Assert.Empty(Directory.EnumerateFiles(host.Root, "*.dcm", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(host.Blobs.IncomingDirectory));
    }

    [Fact]
    public async Task Stow_then_wado_round_trips_byte_exact_and_the_instances_are_indexed()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series) = (TestInstances.NewUid(), TestInstances.NewUid());
        var uids = new[] { TestInstances.NewUid(), TestInstances.NewUid() };
        var bytes = uids.Select((uid, i) => TestInstances.ToBytes(TestInstances.Create(study, series, uid, i + 1))).ToArray();

        using var response = await host.Client.SendAsync(Post($"/dicomweb/studies/{study}", Body(bytes)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(2, Count(json, "00081199"));
        Assert.Equal(0, Count(json, "00081198"));
        var item = json.GetProperty("00081199").GetProperty("Value")[0];
        Assert.Equal(uids[0], item.GetProperty("00081155").GetProperty("Value")[0].GetString());
        Assert.EndsWith($"/dicomweb/studies/{study}/series/{series}/instances/{uids[0]}", item.GetProperty("00081190").GetProperty("Value")[0].GetString(), StringComparison.Ordinal);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var indexed = await host.Store.GetSeriesInstancesAsync(series, cts.Token);
        Assert.Equal(uids, indexed.Select(i => i.SopInstanceUid));
        Assert.All(indexed, i => Assert.Equal("STOW-RS", i.CallingAeTitle));

        for (var i = 0; i < uids.Length; i++)
        {
            var get = new HttpRequestMessage(HttpMethod.Get, $"/dicomweb/studies/{study}/series/{series}/instances/{uids[i]}");
            get.Headers.TryAddWithoutValidation("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
            using var wado = await host.Client.SendAsync(get);
            Assert.Equal(bytes[i], Assert.Single(await MultipartTestReader.ReadAsync(wado, "application/dicom")).Body);
        }
    }

    [Fact]
    public async Task Stow_fails_instances_of_another_study_and_parts_that_are_not_dicom()
    {
        await using var host = await DicomWebHost.StartAsync();
        var study = TestInstances.NewUid();
        var good = TestInstances.ToBytes(TestInstances.Create(study, TestInstances.NewUid(), TestInstances.NewUid()));
        var otherStudy = TestInstances.ToBytes(TestInstances.Create(TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid()));
        var garbage = System.Text.Encoding.ASCII.GetBytes("this is not a DICOM file at all, just text long enough to look at");

        using var mixed = await host.Client.SendAsync(Post($"/dicomweb/studies/{study}", Body(good, otherStudy, garbage)));
        Assert.Equal(HttpStatusCode.Accepted, mixed.StatusCode);
        var json = await JsonAsync(mixed);
        Assert.Equal(1, Count(json, "00081199"));
        var reasons = json.GetProperty("00081198").GetProperty("Value").EnumerateArray()
            .Select(f => f.GetProperty("00081197").GetProperty("Value")[0].GetInt32()).ToArray();
        Assert.Equal([0xA900, 0xC000], reasons);

        var lonelyStudy = TestInstances.NewUid();
        using var allFailed = await host.Client.SendAsync(Post($"/dicomweb/studies/{lonelyStudy}", Body(garbage, otherStudy)));
        Assert.Equal(HttpStatusCode.Conflict, allFailed.StatusCode);
        Assert.Equal(2, Count(await JsonAsync(allFailed), "00081198"));
        Assert.Empty(Directory.EnumerateFiles(host.Blobs.IncomingDirectory));
    }

    [Fact]
    public async Task Stow_refuses_a_wrong_content_type_with_415()
    {
        await using var host = await DicomWebHost.StartAsync();
        var study = TestInstances.NewUid();
        var bytes = TestInstances.ToBytes(TestInstances.Create(study, TestInstances.NewUid(), TestInstances.NewUid()));
        using var json = await host.Client.SendAsync(Post("/dicomweb/studies", bytes, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        using var xml = await host.Client.SendAsync(Post("/dicomweb/studies", Body(bytes), $"multipart/related; type=\"application/dicom+xml\"; boundary={Boundary}"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        await AssertNothingStoredAsync(host, study);
    }

    [Fact]
    public async Task Stow_of_a_truncated_body_or_a_wrong_boundary_is_400_and_stores_nothing()
    {
        await using var host = await DicomWebHost.StartAsync();
        var study = TestInstances.NewUid();
        var body = Body(TestInstances.ToBytes(TestInstances.Create(study, TestInstances.NewUid(), TestInstances.NewUid())),
            TestInstances.ToBytes(TestInstances.Create(study, TestInstances.NewUid(), TestInstances.NewUid())));

        using var truncated = await host.Client.SendAsync(Post("/dicomweb/studies", body[..(body.Length - 300)]));
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Equal("application/problem+json", truncated.Content.Headers.ContentType?.MediaType);

        using var wrongBoundary = await host.Client.SendAsync(Post("/dicomweb/studies", body, "multipart/related; type=\"application/dicom\"; boundary=another"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongBoundary.StatusCode);

        using var noBoundary = await host.Client.SendAsync(Post("/dicomweb/studies", body, "multipart/related; type=\"application/dicom\""));
        Assert.Equal(HttpStatusCode.BadRequest, noBoundary.StatusCode);
        await AssertNothingStoredAsync(host, study);
    }

    [Fact]
    public async Task Stow_of_an_oversized_part_or_too_many_parts_is_413_and_stores_nothing()
    {
        await using var host = await DicomWebHost.StartAsync(new()
        {
            ["DicomWeb:Stow:MaxPartBytes"] = "4000",
            ["DicomWeb:Stow:MaxParts"] = "2",
        });
        var study = TestInstances.NewUid();
        var small = TestInstances.ToBytes(TestInstances.Create(study, TestInstances.NewUid(), TestInstances.NewUid(), frames: 1, rows: 8, columns: 8));
        var large = TestInstances.ToBytes(TestInstances.Create(study, TestInstances.NewUid(), TestInstances.NewUid(), frames: 2, rows: 64, columns: 64));
        Assert.True(small.Length < 4000 && large.Length > 4000);

        using var oversized = await host.Client.SendAsync(Post("/dicomweb/studies", Body(small, large)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        using var tooMany = await host.Client.SendAsync(Post("/dicomweb/studies", Body(small, small, small)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        await AssertNothingStoredAsync(host, study);
    }

    [Fact]
    public async Task Stow_without_a_gateway_in_the_process_is_503()
    {
        await using var host = await DicomWebHost.StartAsync(withIngest: false);
        var bytes = TestInstances.ToBytes(TestInstances.Create(TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid()));
        using var response = await host.Client.SendAsync(Post("/dicomweb/studies", Body(bytes)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("ct_mr/MR_brain_TS4_RLE.dcm")]
    [InlineData("ct_mr/CT_WG04_CT1_JLS_frag_noBOT.dcm")]
    [InlineData("ct_mr/MR_brain_TS1_ELE.dcm")]
    [InlineData("nm/NM-MONO2-16-13x-heart.dcm")]
    [InlineData("nm/WG04_NM1_J2KR.dcm")]
    public async Task Real_files_round_trip_through_stow_and_wado_and_dcmdump_reads_what_wado_returns(string relative)
    {
        var path = Path.Combine(SharedTestData.Root, relative);
        var original = await File.ReadAllBytesAsync(path);
        var header = DicomFileReader.Read(path, new DicomReaderOptions { StopBeforeTag = DicomTag.PixelData });
        var study = header.Dataset.GetSingleString(Imaging.Dicom.Dictionary.DicomTags.StudyInstanceUID)!;
        var series = header.Dataset.GetSingleString(Imaging.Dicom.Dictionary.DicomTags.SeriesInstanceUID)!;
        var instance = header.Dataset.GetSingleString(DicomTag.SopInstanceUid)!;

        await using var host = await DicomWebHost.StartAsync();
        using var stored = await host.Client.SendAsync(Post("/dicomweb/studies", Body(original)));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);

        var url = $"/dicomweb/studies/{study}/series/{series}/instances/{instance}";
        var asStored = new HttpRequestMessage(HttpMethod.Get, url);
        asStored.Headers.TryAddWithoutValidation("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        using var exact = await host.Client.SendAsync(asStored);
        Assert.Equal(original, Assert.Single(await MultipartTestReader.ReadAsync(exact, "application/dicom")).Body);

        using var transcoded = await host.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, transcoded.StatusCode);
        var part = Assert.Single(await MultipartTestReader.ReadAsync(transcoded, "application/dicom"));
        var retrieved = Path.Combine(host.Root, "retrieved.dcm");
        await File.WriteAllBytesAsync(retrieved, part.Body);
        var dump = await SharedTestData.RunAsync("dcmdump", $"-q \"{retrieved}\"");
        Assert.True(dump.ExitCode == 0, dump.Output);
        Assert.Contains("=LittleEndianExplicit", dump.Output, StringComparison.Ordinal);

        using var metadata = await host.Client.GetAsync($"/dicomweb/studies/{study}/series/{series}/metadata");
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        using var rendered = await host.Client.GetAsync($"{url}/frames/1/rendered");
        Assert.Equal(HttpStatusCode.OK, rendered.StatusCode);
    }
}
