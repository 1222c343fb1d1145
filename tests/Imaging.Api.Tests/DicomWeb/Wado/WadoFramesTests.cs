using System.Net;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Api.Tests.DicomWeb;

public sealed class WadoFramesTests
{
    private static HttpRequestMessage Get(string url, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    [Fact]
    public async Task Frames_of_a_native_instance_are_the_stored_frame_bytes_in_the_order_asked()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        var file = TestInstances.Create(study, series, instance, frames: 3);
        await host.StoreAsync(file);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);

        using var response = await host.Client.SendAsync(Get($"/dicomweb/studies/{study}/series/{series}/instances/{instance}/frames/3,1",
            "multipart/related; type=\"application/octet-stream\""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = await MultipartTestReader.ReadAsync(response, "application/octet-stream");
        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.Equal("application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1", p.ContentType));
        Assert.Equal(pixels.GetFrameData(2).ToArray(), parts[0].Body);
        Assert.Equal(pixels.GetFrameData(0).ToArray(), parts[1].Body);
    }

    [Fact]
    public async Task Frames_of_a_compressed_instance_are_decoded_or_served_as_stored_when_asked()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        var file = TestInstances.Create(study, series, instance, frames: 2);
        await host.StoreAsync(file, DicomTransferSyntax.RleLossless);
        var native = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        var stored = DicomFileReader.Read(new MemoryStream(TestInstances.ToBytes(file, DicomTransferSyntax.RleLossless)));
        var compressed = DicomPixelData.Create(stored.Dataset, stored.TransferSyntax);
        var url = $"/dicomweb/studies/{study}/series/{series}/instances/{instance}/frames/2";

        using var decoded = await host.Client.SendAsync(Get(url));
        var part = Assert.Single(await MultipartTestReader.ReadAsync(decoded, "application/octet-stream"));
        Assert.Equal(native.GetFrameData(1).ToArray(), part.Body);

        foreach (var accept in new[] { "multipart/related; type=\"image/dicom-rle\"", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*" })
        {
            using var asStored = await host.Client.SendAsync(Get(url, accept));
            Assert.Equal(HttpStatusCode.OK, asStored.StatusCode);
            var storedPart = Assert.Single(await MultipartTestReader.ReadAsync(asStored, "image/dicom-rle"));
            Assert.Equal("image/dicom-rle; transfer-syntax=1.2.840.10008.1.2.5", storedPart.ContentType);
            Assert.Equal(compressed.GetFrameData(1).ToArray(), storedPart.Body);
        }

        using var jpeg = await host.Client.SendAsync(Get(url, "multipart/related; type=\"image/jls\""));
        Assert.Equal(HttpStatusCode.NotAcceptable, jpeg.StatusCode);
    }

    [Theory]
    [InlineData("0", HttpStatusCode.BadRequest)]
    [InlineData("1,,2", HttpStatusCode.BadRequest)]
    [InlineData("-1", HttpStatusCode.BadRequest)]
    [InlineData("one", HttpStatusCode.BadRequest)]
    [InlineData("99999999999", HttpStatusCode.BadRequest)]
    [InlineData("3", HttpStatusCode.NotFound)]
    [InlineData("1,2,3", HttpStatusCode.NotFound)]
    public async Task Frame_numbers_are_validated(string frames, HttpStatusCode expected)
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        await host.StoreAsync(TestInstances.Create(study, series, instance, frames: 2));
        using var response = await host.Client.GetAsync($"/dicomweb/studies/{study}/series/{series}/instances/{instance}/frames/{frames}");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
