using Imaging.Dicom.Data;

namespace Imaging.Dicom.Tests.Data;

public class DicomPersonNameTests
{
    [Fact]
    public void Three_component_groups_split_on_equals()
    {
        var name = DicomPersonName.Parse("Yamada^Tarou=山田^太郎=やまだ^たろう");
        Assert.Equal("Yamada^Tarou", name.Alphabetic);
        Assert.Equal("山田^太郎", name.Ideographic);
        Assert.Equal("やまだ^たろう", name.Phonetic);
        Assert.Equal("Yamada", name.FamilyName);
        Assert.Equal("Tarou", name.GivenName);
        Assert.Equal(["山田", "太郎", "", "", ""], DicomPersonName.Split(name.Ideographic));
    }

    [Fact]
    public void Five_components_family_given_middle_prefix_suffix()
    {
        var name = DicomPersonName.Parse("Adams^John Robert Quincy^^Rev.^B.A. M.Div.");
        Assert.Equal("Adams", name.FamilyName);
        Assert.Equal("John Robert Quincy", name.GivenName);
        Assert.Equal("", name.MiddleName);
        Assert.Equal("Rev.", name.Prefix);
        Assert.Equal("B.A. M.Div.", name.Suffix);
        Assert.Equal(5, name.Components.Length);
    }

    [Theory]
    [InlineData("Doe", "Doe", "")]
    [InlineData("^John", "", "John")]
    [InlineData(" Doe ^ John ", "Doe", "John")]
    [InlineData("", "", "")]
    public void Missing_components_are_empty_and_components_are_trimmed(string value, string family, string given)
    {
        var name = DicomPersonName.Parse(value);
        Assert.Equal(family, name.FamilyName);
        Assert.Equal(given, name.GivenName);
        Assert.Equal("", name.Suffix);
        Assert.Equal("", name.Ideographic);
        Assert.Equal("", name.Phonetic);
    }

    [Theory]
    [InlineData("Doe^John")]
    [InlineData("Doe^John=ドウ^ジョン")]
    [InlineData("Doe^John==どう^じょん")]
    [InlineData("=山田^太郎")]
    public void ToString_gives_back_the_value_without_trailing_empty_groups(string value)
    {
        Assert.Equal(value, DicomPersonName.Parse(value).ToString());
        Assert.Equal("Doe^John", DicomPersonName.Parse("Doe^John==").ToString());
    }

    [Fact]
    public void Dataset_reads_the_first_name_of_a_multi_valued_PN_in_its_character_set()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        ds.SetString(new DicomTag(0x0008, 0x1050), DicomVR.PN, "Ödön^Áron", "Smith^Anne");
        Assert.Equal("Ödön", ds.GetPersonName(new DicomTag(0x0008, 0x1050))!.FamilyName);
        Assert.Null(ds.GetPersonName(new DicomTag(0x0010, 0x0010)));
        ds.Set(new DicomElement(new DicomTag(0x0010, 0x0010), DicomVR.PN, DicomBuffer.Empty));
        Assert.Null(ds.GetPersonName(new DicomTag(0x0010, 0x0010)));
    }
}
