using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Tests.Dictionary;

public class DicomUidTests
{
    [Fact]
    public void Looks_up_CT_image_storage()
    {
        var uid = DicomUid.Lookup("1.2.840.10008.5.1.4.1.1.2");

        Assert.Equal("CTImageStorage", uid.Keyword);
        Assert.Equal("CT Image Storage", uid.Name);
        Assert.Equal(DicomUidType.SopClass, uid.Type);
        Assert.True(uid.IsStorage);
        Assert.False(uid.IsRetired);
        Assert.True(uid.IsKnown);
        Assert.Same(DicomUids.CTImageStorage, uid);
    }

    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.1.20", "NuclearMedicineImageStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.2.1", "EnhancedCTImageStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.4.1", "EnhancedMRImageStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.130", "EnhancedPETImageStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.128", "PositronEmissionTomographyImageStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.6.1", "UltrasoundImageStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.7", "SecondaryCaptureImageStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.88.22", "EnhancedSRStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.88.59", "KeyObjectSelectionDocumentStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.66.4", "SegmentationStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.481.5", "RTPlanStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.11.1", "GrayscaleSoftcopyPresentationStateStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.9.1.1", "TwelveLeadECGWaveformStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.104.1", "EncapsulatedPDFStorage")]
    [InlineData("1.2.840.10008.5.1.4.1.1.1.2", "DigitalMammographyXRayImageStorageForPresentation")]
    public void Looks_up_storage_SOP_classes(string value, string keyword)
    {
        var uid = DicomUid.Lookup(value);

        Assert.Equal(keyword, uid.Keyword);
        Assert.Equal(DicomUidType.SopClass, uid.Type);
        Assert.True(uid.IsStorage);
    }

    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.2.2.1", "StudyRootQueryRetrieveInformationModelFind")]
    [InlineData("1.2.840.10008.5.1.4.1.2.2.2", "StudyRootQueryRetrieveInformationModelMove")]
    [InlineData("1.2.840.10008.5.1.4.1.2.2.3", "StudyRootQueryRetrieveInformationModelGet")]
    [InlineData("1.2.840.10008.5.1.4.1.2.1.1", "PatientRootQueryRetrieveInformationModelFind")]
    [InlineData("1.2.840.10008.5.1.4.1.2.1.2", "PatientRootQueryRetrieveInformationModelMove")]
    [InlineData("1.2.840.10008.5.1.4.1.2.1.3", "PatientRootQueryRetrieveInformationModelGet")]
    [InlineData("1.2.840.10008.1.1", "Verification")]
    [InlineData("1.2.840.10008.1.20.1", "StorageCommitmentPushModel")]
    [InlineData("1.2.840.10008.5.1.4.31", "ModalityWorklistInformationModelFind")]
    public void Looks_up_service_SOP_classes_that_are_not_storage(string value, string keyword)
    {
        var uid = DicomUid.Lookup(value);

        Assert.Equal(keyword, uid.Keyword);
        Assert.Equal(DicomUidType.SopClass, uid.Type);
        Assert.False(uid.IsStorage);
        Assert.False(uid.IsRetired);
    }

    [Fact]
    public void Patient_study_only_query_models_are_retired()
    {
        Assert.True(DicomUids.PatientStudyOnlyQueryRetrieveInformationModelFind.IsRetired);
        Assert.True(DicomUids.PatientStudyOnlyQueryRetrieveInformationModelMove.IsRetired);
        Assert.True(DicomUids.PatientStudyOnlyQueryRetrieveInformationModelGet.IsRetired);
    }

    [Fact]
    public void Knows_the_DICOM_application_context_name()
    {
        var uid = DicomUid.Lookup("1.2.840.10008.3.1.1.1");

        Assert.Equal(DicomUidType.ApplicationContextName, uid.Type);
        Assert.Same(DicomUids.DICOMApplicationContext, uid);
    }

    [Fact]
    public void Every_transfer_syntax_of_the_codec_is_registered_with_the_same_retired_state()
    {
        Assert.All(DicomTransferSyntax.All, syntax =>
        {
            Assert.True(DicomUid.TryLookup(syntax.Uid, out var uid), $"{syntax} is missing from the UID table");
            Assert.Equal(DicomUidType.TransferSyntax, uid.Type);
            Assert.Equal(syntax.IsRetired, uid.IsRetired);
        });
    }

    [Fact]
    public void Ignores_UI_padding_when_looking_up()
    {
        Assert.Same(DicomUids.ImplicitVRLittleEndian, DicomUid.Lookup("1.2.840.10008.1.2\0"));
        Assert.True(DicomUid.TryLookup("1.2.840.10008.1.2.1 ", out var uid));
        Assert.Same(DicomUids.ExplicitVRLittleEndian, uid);
    }

    [Fact]
    public void Unknown_UIDs_get_a_placeholder_instead_of_an_exception()
    {
        var uid = DicomUid.Lookup("1.2.3.4.5");

        Assert.False(uid.IsKnown);
        Assert.Equal("1.2.3.4.5", uid.Uid);
        Assert.Equal(DicomUidType.Other, uid.Type);
        Assert.False(uid.IsStorage);
        Assert.False(DicomUid.TryLookup("1.2.3.4.5", out _));
    }

    [Fact]
    public void Registry_lists_well_over_a_hundred_storage_SOP_classes()
    {
        var storage = DicomUids.All.Where(u => u.IsStorage).ToList();

        Assert.True(storage.Count > 150, $"only {storage.Count} storage SOP classes");
        Assert.All(storage, u => Assert.Equal(DicomUidType.SopClass, u.Type));
    }

    [Fact]
    public void Registry_has_unique_valid_UIDs_and_keywords()
    {
        var all = DicomUids.All;

        Assert.Equal(all.Count, all.Select(u => u.Uid).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(all.Count, all.Select(u => u.Keyword).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, u =>
        {
            Assert.StartsWith("1.2.840.10008.", u.Uid);
            Assert.True(u.Uid.Length <= 64);
            Assert.Same(u, DicomUid.Lookup(u.Uid));
        });
    }
}
