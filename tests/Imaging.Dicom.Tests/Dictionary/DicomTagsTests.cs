using System.Reflection;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Tests.Dictionary;

public class DicomTagsTests
{
    [Fact]
    public void Named_tags_have_their_PS36_values()
    {
        Assert.Equal(new DicomTag(0x0010, 0x0010), DicomTags.PatientName);
        Assert.Equal(new DicomTag(0x0020, 0x000D), DicomTags.StudyInstanceUID);
        Assert.Equal(new DicomTag(0x0002, 0x0010), DicomTags.TransferSyntaxUID);
        Assert.Equal(DicomTag.PixelData, DicomTags.PixelData);
    }

    [Fact]
    public void Repeating_group_tags_use_their_first_group()
    {
        Assert.Equal(new DicomTag(0x6000, 0x3000), DicomTags.OverlayData);
        Assert.Equal(new DicomTag(0x5000, 0x3000), DicomTags.CurveData);
    }

    [Fact]
    public void Every_named_tag_agrees_with_the_dictionary()
    {
        var fields = typeof(DicomTags).GetProperties(BindingFlags.Public | BindingFlags.Static);

        Assert.Equal(DicomDictionary.PublicEntries.Count, fields.Length);
        Assert.All(fields, field =>
        {
            var entry = DicomDictionary.FindByKeyword(field.Name);
            Assert.NotNull(entry);
            Assert.Equal(entry.Tag, (DicomTag)field.GetValue(null)!);
        });
    }
}
