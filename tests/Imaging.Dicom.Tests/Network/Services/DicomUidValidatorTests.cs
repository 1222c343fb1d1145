using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

public class DicomUidValidatorTests
{
    [Theory]
    [InlineData("1.2.840.10008.1.1")]
    [InlineData("2.25.136974863480823945689143806729576394254")]
    [InlineData("0")]
    public void Digits_separated_by_single_dots_are_valid(string uid) => Assert.True(DicomUidValidator.IsValid(uid));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1.2.3a")]
    [InlineData("../../etc/passwd")]
    [InlineData("1..2")]
    [InlineData(".1.2")]
    [InlineData("1.2.")]
    [InlineData("1.2 ")]
    [InlineData("1.2\0")]
    public void Anything_else_is_invalid(string? uid) => Assert.False(DicomUidValidator.IsValid(uid));

    [Fact]
    public void A_uid_longer_than_64_characters_is_invalid()
    {
        Assert.True(DicomUidValidator.IsValid("1." + new string('2', 62)));
        Assert.False(DicomUidValidator.IsValid("1." + new string('2', 63)));
    }
}
