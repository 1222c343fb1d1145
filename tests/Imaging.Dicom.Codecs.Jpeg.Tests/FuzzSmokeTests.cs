using Imaging.Dicom.Fuzz;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Codecs.Jpeg.Tests;

/// <summary>A short deterministic run of the JPEG fuzz target over mutated real streams: only clear errors may come out.</summary>
public sealed class FuzzSmokeTests
{
    [Theory]
    [InlineData("ct_mr/MR_brain_TS5_JPLL.dcm", 1)]
    [InlineData("interop/ts/JPGLosslessP14SV1_8b.dcm", 2)]
    [InlineData("nm/WG04_NM1_JPLY.dcm", 3)]
    public void Mutated_real_streams_decode_or_fail_with_a_pixel_data_exception(string file, int seed)
    {
        var dicom = DicomFileReader.Read(TestPaths.Corpus(file));
        var original = DicomPixelData.Create(dicom.Dataset, dicom.TransferSyntax).GetFrameData(0).ToArray();
        Assert.True(JpegDecoderFuzzTarget.Run(original), "the unmodified stream decodes");
        var random = new Random(seed);
        var outcomes = new int[2];
        for (var round = 0; round < 150; round++)
        {
            var data = (byte[])original.Clone();
            switch (round % 4)
            {
                case 0: // flip a few bytes, mostly in the headers where they matter most
                    for (var k = 0; k < 1 + random.Next(4); k++)
                        data[random.Next(random.Next(2) == 0 ? Math.Min(data.Length, 400) : data.Length)] = (byte)random.Next(256);
                    break;
                case 1: // cut short
                    data = data.AsSpan(0, random.Next(data.Length)).ToArray();
                    break;
                case 2: // insert a marker-like pair in the scan data
                    var at = random.Next(data.Length - 1);
                    data[at] = 0xFF;
                    data[at + 1] = (byte)random.Next(0xC0, 0x100);
                    break;
                default: // overwrite a run with zeros or ones
                    var start = random.Next(data.Length);
                    data.AsSpan(start, Math.Min(data.Length - start, random.Next(1, 64))).Fill(random.Next(2) == 0 ? (byte)0 : (byte)0xFF);
                    break;
            }
            outcomes[JpegDecoderFuzzTarget.Run(data) ? 1 : 0]++;
        }
        Assert.Equal(150, outcomes[0] + outcomes[1]);
    }

    [Fact]
    public void Tiny_and_empty_inputs_are_rejected_cleanly()
    {
        Assert.False(JpegDecoderFuzzTarget.Run([]));
        Assert.False(JpegDecoderFuzzTarget.Run([0xFF, 0xD8]));
        Assert.False(JpegDecoderFuzzTarget.Run([0xFF, 0xD8, 0xFF, 0xC3, 0, 11, 16, 0, 1, 0, 1, 1, 1, 0x11, 0, 0xFF, 0xD9]));
    }
}
