using System.Net;
using SixLabors.ImageSharp;

namespace Imaging.Api.Tests.DicomWeb;

public sealed class WadoRenderedTests
{
    private static HttpRequestMessage Get(string url, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    private static async Task<(string Study, string Series, string Instance)> StoreAsync(DicomWebHost host)
    {
        var (study, series, instance) = (TestInstances.NewUid(), TestInstances.NewUid(), TestInstances.NewUid());
        await host.StoreAsync(TestInstances.Create(study, series, instance, frames: 2, rows: 16, columns: 24));
        return (study, series, instance);
    }

    [Fact]
    public async Task Rendered_png_decodes_to_the_image_size()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = await StoreAsync(host);
        using var response = await host.Client.SendAsync(Get($"/dicomweb/studies/{study}/series/{series}/instances/{instance}/rendered", "image/png"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var image = Image.Load(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((24, 16), (image.Width, image.Height));
    }

    [Fact]
    public async Task Rendered_frames_are_jpeg_by_default_fit_the_viewport_and_each_frame_is_its_own_picture()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = await StoreAsync(host);
        var url = $"/dicomweb/studies/{study}/series/{series}/instances/{instance}/frames";

        using var jpeg = await host.Client.GetAsync($"{url}/1/rendered?viewport=48,48&quality=80");
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType?.MediaType);
        using (var image = Image.Load(await jpeg.Content.ReadAsByteArrayAsync())) Assert.Equal((48, 32), (image.Width, image.Height));

        // One window for both frames: frame 1 (values 1000..) is darker than frame 2 (2000..).
        var first = await host.Client.SendAsync(Get($"{url}/1/rendered?window=1700,1400,linear", "image/png"));
        var second = await host.Client.SendAsync(Get($"{url}/2/rendered?window=1700,1400,linear", "image/png"));
        using var a = Image.Load<SixLabors.ImageSharp.PixelFormats.L8>(await first.Content.ReadAsByteArrayAsync());
        using var b = Image.Load<SixLabors.ImageSharp.PixelFormats.L8>(await second.Content.ReadAsByteArrayAsync());
        Assert.True(a[0, 0].PackedValue < b[0, 0].PackedValue, $"frame 1 {a[0, 0].PackedValue} vs frame 2 {b[0, 0].PackedValue}");
    }

    [Fact]
    public async Task Thumbnails_default_to_128_pixels_for_instance_series_and_study()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = await StoreAsync(host);
        foreach (var url in new[]
        {
            $"/dicomweb/studies/{study}/series/{series}/instances/{instance}/thumbnail",
            $"/dicomweb/studies/{study}/series/{series}/thumbnail",
            $"/dicomweb/studies/{study}/thumbnail",
        })
        {
            using var response = await host.Client.SendAsync(Get(url, "image/png"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var image = Image.Load(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal((128, 85), (image.Width, image.Height));
        }
    }

    [Theory]
    [InlineData("rendered?window=40", HttpStatusCode.BadRequest)]
    [InlineData("rendered?window=40,0", HttpStatusCode.BadRequest)]
    [InlineData("rendered?window=40,400,cubic", HttpStatusCode.BadRequest)]
    [InlineData("rendered?viewport=0,10", HttpStatusCode.BadRequest)]
    [InlineData("rendered?viewport=100000,100", HttpStatusCode.BadRequest)]
    [InlineData("rendered?quality=101", HttpStatusCode.BadRequest)]
    [InlineData("frames/1,2/rendered", HttpStatusCode.BadRequest)]
    [InlineData("frames/3/rendered", HttpStatusCode.NotFound)]
    public async Task Rendered_parameters_are_validated(string resource, HttpStatusCode expected)
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = await StoreAsync(host);
        using var response = await host.Client.GetAsync($"/dicomweb/studies/{study}/series/{series}/instances/{instance}/{resource}");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Rendered_answers_406_for_a_format_it_does_not_make()
    {
        await using var host = await DicomWebHost.StartAsync();
        var (study, series, instance) = await StoreAsync(host);
        using var response = await host.Client.SendAsync(Get($"/dicomweb/studies/{study}/series/{series}/instances/{instance}/rendered", "image/gif"));
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }
}
