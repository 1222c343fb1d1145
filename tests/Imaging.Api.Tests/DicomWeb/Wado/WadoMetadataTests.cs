using System.Net;
using System.Text.Json;
using Imaging.Api.DicomWeb;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Json;
using Imaging.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Imaging.Api.Tests.DicomWeb;

public sealed class WadoMetadataTests
{
    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/dicom+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Metadata_equals_what_the_json_writer_writes_for_the_file_with_bulk_data_as_uris()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        var blob = await host.StoreAsync(TestInstances.Create(study, series, instance));

        var array = await GetJsonAsync(host.Client, $"/dicomweb/studies/{study}/series/{series}/instances/{instance}/metadata");
        var ours = Assert.Single(array.EnumerateArray().ToList());
        using var reference = JsonDocument.Parse(DicomJsonWriter.Serialize(DicomFileReader.Read(blob).Dataset));

        var bulk = new List<string>();
        Assert.Equal(reference.RootElement.EnumerateObject().Select(p => p.Name), ours.EnumerateObject().Select(p => p.Name));
        foreach (var attribute in reference.RootElement.EnumerateObject())
        {
            var mine = ours.GetProperty(attribute.Name);
            if (mine.TryGetProperty("BulkDataURI", out var uri))
            {
                Assert.True(attribute.Value.TryGetProperty("InlineBinary", out _), $"{attribute.Name} is bulk data but was not binary");
                Assert.Equal($"/dicomweb/studies/{study}/series/{series}/instances/{instance}/bulkdata/{attribute.Name}", uri.GetString());
                bulk.Add(attribute.Name);
                continue;
            }
            Assert.Equal(attribute.Value.GetRawText(), mine.GetRawText());
        }
        Assert.Equal(["00091001", "7FE00010"], bulk);
    }

    [Fact]
    public async Task Metadata_is_written_beside_the_blob_at_ingest_and_series_metadata_joins_the_instances_in_order()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series) = (TestInstances.NewUid(), TestInstances.NewUid());
        var uids = new[] { TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid() };
        for (var i = 0; i < uids.Length; i++)
        {
            var blob = await host.StoreAsync(TestInstances.Create(study, series, uids[i], uids.Length - i));
            Assert.True(File.Exists(Path.ChangeExtension(blob, ".json")), "no sidecar after ingest");
        }

        foreach (var url in new[] { $"/dicomweb/studies/{study}/series/{series}/metadata", $"/dicomweb/studies/{study}/metadata" })
        {
            var array = await GetJsonAsync(host.Client, url);
            var order = array.EnumerateArray().Select(e => e.GetProperty("00080018").GetProperty("Value")[0].GetString()).ToArray();
            Assert.Equal(uids.Reverse(), order);
        }
    }

    [Fact]
    public async Task Metadata_of_an_instance_stored_without_a_sidecar_is_computed_on_first_read_and_kept()
    {
        await using var host = await DicomWebHost.StartAsync(precompute: false);
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        var blob = await host.StoreAsync(TestInstances.Create(study, series, instance));
        var sidecar = Path.ChangeExtension(blob, ".json");
        Assert.False(File.Exists(sidecar));

        var array = await GetJsonAsync(host.Client, $"/dicomweb/studies/{study}/series/{series}/metadata");
        Assert.Equal(instance, array[0].GetProperty("00080018").GetProperty("Value")[0].GetString());
        Assert.True(File.Exists(sidecar));
        var files = host.Services.GetRequiredService<InstanceMetadataFiles>();
        var key = new InstanceKey(study, series, instance);
        Assert.Equal(files.Serialize(DicomFileReader.Read(blob).Dataset, key), await File.ReadAllBytesAsync(sidecar));
    }

    [Fact]
    public async Task Metadata_bulk_data_uris_serve_the_values_byte_exact()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        var original = TestInstances.Create(study, series, instance);
        await host.StoreAsync(original);
        var metadata = (await GetJsonAsync(host.Client, $"/dicomweb/studies/{study}/series/{series}/instances/{instance}/metadata"))[0];

        foreach (var tag in new[] { new DicomTag(0x0009, 0x1001), DicomTag.PixelData })
        {
            var uri = metadata.GetProperty(tag.ToHex()).GetProperty("BulkDataURI").GetString()!;
            using var response = await host.Client.GetAsync(uri);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var part = Assert.Single(await MultipartTestReader.ReadAsync(response, "application/octet-stream"));
            Assert.Equal(original.Dataset.GetElement(tag)!.Buffer.GetMemory().ToArray(), part.Body);
        }
        using var missing = await host.Client.GetAsync($"/dicomweb/studies/{study}/series/{series}/instances/{instance}/bulkdata/00091002");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var bad = await host.Client.GetAsync($"/dicomweb/studies/{study}/series/{series}/instances/{instance}/bulkdata/..%2F..");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
