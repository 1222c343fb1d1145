using System.Net;
using System.Net.Http.Headers;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Api.Tests.DicomWeb;

public sealed class WadoRetrieveTests
{
    private const string Dicom = "application/dicom";

    private static HttpRequestMessage Get(string url, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    [Fact]
    public async Task Wado_instance_as_stored_is_the_blob_byte_for_byte_in_one_multipart_part()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        var blob = await host.StoreAsync(TestInstances.Create(study, series, instance));

        using var response = await host.Client.SendAsync(Get($"/dicomweb/studies/{study}/series/{series}/instances/{instance}",
            "multipart/related; type=\"application/dicom\"; transfer-syntax=*"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = await MultipartTestReader.ReadAsync(response, Dicom);
        var part = Assert.Single(parts);
        Assert.Equal($"{Dicom}; transfer-syntax={DicomTransferSyntax.ExplicitVRLittleEndian.Uid}", part.ContentType);
        Assert.Equal(await File.ReadAllBytesAsync(blob), part.Body);
    }

    [Fact]
    public async Task Wado_series_and_study_stream_every_instance_in_instance_number_order()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series) = (TestInstances.NewUid(), TestInstances.NewUid());
        var uids = new List<string>();
        foreach (var number in new[] { 3, 1, 2 })
        {
            var uid = TestInstances.NewUid();
            await host.StoreAsync(TestInstances.Create(study, series, uid, number));
            uids.Add(uid);
        }
        string[] expected = [uids[1], uids[2], uids[0]];

        foreach (var url in new[] { $"/dicomweb/studies/{study}/series/{series}", $"/dicomweb/studies/{study}" })
        {
            using var response = await host.Client.SendAsync(Get(url));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var parts = await MultipartTestReader.ReadAsync(response, Dicom);
            var order = parts.Select(p => DicomFileReader.Read(new MemoryStream(p.Body)).Dataset.GetSingleString(DicomTag.SopInstanceUid)).ToArray();
            Assert.Equal(expected, order);
        }
    }

    [Fact]
    public async Task Wado_default_transfer_syntax_transcodes_compressed_instances_to_explicit_little_endian()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        var original = TestInstances.Create(study, series, instance);
        await host.StoreAsync(original, DicomTransferSyntax.RleLossless);

        using var response = await host.Client.SendAsync(Get($"/dicomweb/studies/{study}/series/{series}/instances/{instance}",
            "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var part = Assert.Single(await MultipartTestReader.ReadAsync(response, Dicom));
        Assert.EndsWith("transfer-syntax=1.2.840.10008.1.2.1", part.ContentType, StringComparison.Ordinal);
        var file = DicomFileReader.Read(new MemoryStream(part.Body));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian.Uid, file.TransferSyntax.Uid);
        Assert.Equal(original.Dataset.GetElement(DicomTag.PixelData)!.Buffer.GetMemory().ToArray(),
            file.Dataset.GetElement(DicomTag.PixelData)!.Buffer.GetMemory().ToArray());
    }

    [Fact]
    public async Task Wado_answers_406_for_a_transfer_syntax_it_cannot_produce()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        await host.StoreAsync(TestInstances.Create(study, series, instance));

        using var response = await host.Client.SendAsync(Get($"/dicomweb/studies/{study}/series/{series}/instances/{instance}",
            "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.91"));
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1.2.840.10008.1.2.4.91", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var xml = await host.Client.SendAsync(Get($"/dicomweb/studies/{study}", "application/dicom+xml"));
        Assert.Equal(HttpStatusCode.NotAcceptable, xml.StatusCode);
    }

    [Fact]
    public async Task Wado_answers_404_for_unknown_resources_and_400_for_uids_that_are_not_uids()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        await host.StoreAsync(TestInstances.Create(study, series, instance));

        using var unknownStudy = await host.Client.GetAsync($"/dicomweb/studies/1.2.3.4");
        Assert.Equal(HttpStatusCode.NotFound, unknownStudy.StatusCode);
        using var otherStudy = await host.Client.GetAsync($"/dicomweb/studies/1.2.3.4/series/{series}");
        Assert.Equal(HttpStatusCode.NotFound, otherStudy.StatusCode);
        using var unknownInstance = await host.Client.GetAsync($"/dicomweb/studies/{study}/series/{series}/instances/1.2.3");
        Assert.Equal(HttpStatusCode.NotFound, unknownInstance.StatusCode);
        using var bad = await host.Client.GetAsync($"/dicomweb/studies/{study}/series/abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Wado_parts_are_framed_per_rfc_2046_with_a_quoted_type_parameter()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        await host.StoreAsync(TestInstances.Create(study, series, instance));

        using var response = await host.Client.GetAsync($"/dicomweb/studies/{study}");
        var contentType = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/related", contentType.MediaType);
        Assert.Contains(contentType.Parameters, p => p.Name == "type" && p.Value == "\"application/dicom\"");
        var boundary = contentType.Parameters.Single(p => p.Name == "boundary").Value!;
        Assert.InRange(boundary.Length, 1, 70);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(body.AsSpan().StartsWith(System.Text.Encoding.ASCII.GetBytes($"--{boundary}\r\n")));
        Assert.True(body.AsSpan().EndsWith(System.Text.Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n")));
        _ = MediaTypeHeaderValue.Parse(response.Content.Headers.ContentType!.ToString());
    }
}
