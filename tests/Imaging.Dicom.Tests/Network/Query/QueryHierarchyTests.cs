using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

public class QueryHierarchyTests
{
    private static DicomDataset Identifier(string level, params (DicomTag Tag, DicomVR VR, string Value)[] keys)
    {
        var identifier = new DicomDataset();
        identifier.SetString(DicomTags.QueryRetrieveLevel, DicomVR.CS, level);
        foreach (var (tag, vr, value) in keys) identifier.SetString(tag, vr, value);
        return identifier;
    }

    [Fact]
    public void The_top_level_needs_no_unique_keys()
    {
        Assert.Null(QueryHierarchy.Validate(QueryInformationModel.PatientRoot, Identifier("PATIENT"), out var level));
        Assert.Equal(QueryRetrieveLevel.Patient, level);
        Assert.Null(QueryHierarchy.Validate(QueryInformationModel.StudyRoot, Identifier("STUDY"), out _));
    }

    [Fact]
    public void Patient_level_is_not_part_of_study_root()
    {
        Assert.NotNull(QueryHierarchy.Validate(QueryInformationModel.StudyRoot, Identifier("PATIENT"), out _));
    }

    [Fact]
    public void Lower_levels_need_a_single_value_for_every_unique_key_above()
    {
        Assert.NotNull(QueryHierarchy.Validate(QueryInformationModel.StudyRoot, Identifier("IMAGE", (DicomTags.StudyInstanceUID, DicomVR.UI, "1.2")), out _));
        Assert.Null(QueryHierarchy.Validate(QueryInformationModel.StudyRoot,
            Identifier("IMAGE", (DicomTags.StudyInstanceUID, DicomVR.UI, "1.2"), (DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.3")), out _));
        Assert.NotNull(QueryHierarchy.Validate(QueryInformationModel.PatientRoot,
            Identifier("STUDY", (DicomTags.PatientID, DicomVR.LO, "P*")), out _));
        Assert.NotNull(QueryHierarchy.Validate(QueryInformationModel.StudyRoot,
            Identifier("SERIES", (DicomTags.StudyInstanceUID, DicomVR.UI, @"1.2\1.3")), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("FRAME")]
    [InlineData("study")]
    public void Unknown_or_missing_levels_are_refused(string level) =>
        Assert.NotNull(QueryHierarchy.Validate(QueryInformationModel.StudyRoot, Identifier(level), out _));
}
