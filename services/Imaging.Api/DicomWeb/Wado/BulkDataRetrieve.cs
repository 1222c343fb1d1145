using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.DicomWeb;

/// <summary>The BulkDataURI target of the metadata (PS3.18 section 10.4.1.1.5): <c>…/instances/{i}/bulkdata/{tagPath}</c>
/// with the path as <see cref="Imaging.Dicom.Json.DicomTagPath"/> writes it ("7FE00010", "52009230/3/00289110/0/00280030").</summary>
/// <remarks>A native value is one application/octet-stream part, streamed from the file. Encapsulated pixel data is answered
/// like a request for all its frames (decoded, or as stored with <c>transfer-syntax=*</c>).</remarks>
internal static class BulkDataRetrieve
{
    private const int MaxPathDepth = 16;

    public static async Task<IResult> GetAsync(HttpContext context, DicomWebResources resources, IOptions<DicomWebOptions> options, ILogger logger,
        string study, string series, string instance, string tagPath, CancellationToken cancellationToken)
    {
        if (!TryParsePath(tagPath, out var tags, out var items))
            return ApiProblems.InvalidParameter("tagPath", "must be TAG or SEQTAG/ITEM/.../TAG with 8-digit hex tags and 0-based item numbers");
        var (instances, problem) = await resources.FindAsync(study, series, instance, cancellationToken).ConfigureAwait(false);
        if (problem is not null) return problem;
        var record = instances![0];
        DicomFile file;
        try
        {
            file = DicomFileReader.Read(resources.PathOf(record));
        }
        catch (Exception ex) when (ex is DicomFormatException or IOException)
        {
            return DicomWebProblems.Unprocessable($"The stored instance {record.SopInstanceUid} cannot be read: {ex.Message}");
        }

        var dataset = file.Dataset;
        for (var level = 0; level < items.Count; level++)
        {
            if (dataset.GetSequence(tags[level]) is not { } sequence || items[level] >= sequence.Items.Count) return NotFound(tagPath);
            dataset = sequence.Items[items[level]];
        }
        var attribute = dataset[tags[^1]];
        if (attribute is DicomFragmentSequence && items.Count == 0 && tags[0] == DicomTag.PixelData)
        {
            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
            var all = Enumerable.Range(1, pixels.FrameCount).ToArray();
            if (all.Length > options.Value.MaxFramesPerRequest) all = all[..options.Value.MaxFramesPerRequest];
            return FrameRetrieve.Respond(context, pixels, all, AcceptedMediaType.Parse(context.Request.Headers.Accept), logger, record.SopInstanceUid);
        }
        if (attribute is not DicomElement element) return NotFound(tagPath);

        var boundary = MultipartRelatedWriter.NewBoundary();
        return TypedResults.Stream(async body =>
        {
            var writer = new MultipartRelatedWriter(body, boundary);
            await writer.WritePartAsync($"{FrameRetrieve.OctetStream}; transfer-syntax={DicomTransferSyntax.ExplicitVRLittleEndian.Uid}",
                (stream, ct) => element.Buffer.CopyToAsync(stream, ct).AsTask(), context.RequestAborted).ConfigureAwait(false);
            await writer.CompleteAsync(context.RequestAborted).ConfigureAwait(false);
        }, MultipartRelatedWriter.ContentType(FrameRetrieve.OctetStream, boundary));
    }

    private static IResult NotFound(string tagPath) =>
        DicomWebProblems.NotFound("Bulk data not found", $"The instance has no binary value at {tagPath}.");

    private static bool TryParsePath(string text, out List<DicomTag> tags, out List<int> items)
    {
        tags = [];
        items = [];
        var parts = text.Split('/');
        if (parts.Length % 2 == 0 || parts.Length > 2 * MaxPathDepth + 1) return false;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 0)
            {
                if (parts[i].Length != 8 || !uint.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)) return false;
                tags.Add(new DicomTag((ushort)(value >> 16), (ushort)(value & 0xFFFF)));
            }
            else
            {
                if (parts[i].Length is 0 or > 6 || !parts[i].All(char.IsAsciiDigit)) return false;
                items.Add(int.Parse(parts[i], CultureInfo.InvariantCulture));
            }
        }
        return true;
    }
}
