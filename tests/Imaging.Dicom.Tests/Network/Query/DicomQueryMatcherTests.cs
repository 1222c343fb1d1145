using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

public class DicomQueryMatcherTests
{
    private static DicomDataset Record()
    {
        var record = new DicomDataset();
        record.SetString(DicomTags.PatientName, DicomVR.PN, "Doe^John");
        record.SetString(DicomTags.PatientID, DicomVR.LO, "P1");
        record.SetString(DicomTags.StudyDate, DicomVR.DA, "20240315");
        record.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3.4");
        record.SetString(DicomTags.ModalitiesInStudy, DicomVR.CS, "CT", "SR");
        var code = new DicomDataset();
        code.SetString(DicomTags.CodeValue, DicomVR.SH, "A1");
        code.SetString(DicomTags.CodingSchemeDesignator, DicomVR.SH, "LOCAL");
        record.Set(new DicomSequence(DicomTags.ProcedureCodeSequence, [code]));
        return record;
    }

    private static DicomDataset Query(Action<DicomDataset> fill)
    {
        var query = new DicomDataset();
        query.SetString(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY");
        fill(query);
        return query;
    }

    [Fact]
    public void Empty_keys_match_universally_even_when_the_record_lacks_the_attribute()
    {
        var query = Query(q =>
        {
            q.SetString(DicomTags.PatientName, DicomVR.PN, "");
            q.SetString(DicomTags.AccessionNumber, DicomVR.SH, "");
        });
        Assert.True(DicomQueryMatcher.Matches(query, Record()));
    }

    [Fact]
    public void A_single_value_must_equal_the_stored_value_case_sensitively()
    {
        Assert.True(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.PatientName, DicomVR.PN, "Doe^John")), Record()));
        Assert.False(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.PatientName, DicomVR.PN, "DOE^JOHN")), Record()));
    }

    [Fact]
    public void A_key_on_an_attribute_the_record_lacks_does_not_match()
    {
        Assert.False(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.AccessionNumber, DicomVR.SH, "A*")), Record()));
    }

    [Fact]
    public void A_lone_star_matches_like_universal_matching()
    {
        Assert.True(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.AccessionNumber, DicomVR.SH, "*")), Record()));
    }

    [Fact]
    public void Wildcards_apply_to_text_keys()
    {
        Assert.True(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.PatientName, DicomVR.PN, "Doe*")), Record()));
        Assert.False(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.PatientName, DicomVR.PN, "Roe*")), Record()));
    }

    [Fact]
    public void A_uid_list_matches_any_of_its_uids_and_uids_take_no_wildcards()
    {
        Assert.True(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "9.9", "1.2.3.4")), Record()));
        Assert.False(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "9.9", "8.8")), Record()));
        Assert.False(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.*")), Record()));
    }

    [Fact]
    public void Date_keys_use_range_matching()
    {
        Assert.True(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.StudyDate, DicomVR.DA, "20240101-20241231")), Record()));
        Assert.False(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.StudyDate, DicomVR.DA, "20250101-")), Record()));
    }

    [Fact]
    public void A_multi_valued_stored_attribute_matches_when_any_value_does()
    {
        Assert.True(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.ModalitiesInStudy, DicomVR.CS, "SR")), Record()));
        Assert.True(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.ModalitiesInStudy, DicomVR.CS, "MR", "CT")), Record()));
        Assert.False(DicomQueryMatcher.Matches(Query(q => q.SetString(DicomTags.ModalitiesInStudy, DicomVR.CS, "MR")), Record()));
    }

    [Fact]
    public void A_sequence_key_matches_when_a_stored_item_matches_its_item()
    {
        static DicomDataset WithCode(string value) => Query(q =>
        {
            var item = new DicomDataset();
            item.SetString(DicomTags.CodeValue, DicomVR.SH, value);
            item.SetString(DicomTags.CodingSchemeDesignator, DicomVR.SH, "");
            q.Set(new DicomSequence(DicomTags.ProcedureCodeSequence, [item]));
        });
        Assert.True(DicomQueryMatcher.Matches(WithCode("A1"), Record()));
        Assert.True(DicomQueryMatcher.Matches(WithCode("A*"), Record()));
        Assert.False(DicomQueryMatcher.Matches(WithCode("B1"), Record()));
        Assert.True(DicomQueryMatcher.Matches(Query(q => q.Set(new DicomSequence(DicomTags.ProcedureCodeSequence))), Record()));
    }

    [Fact]
    public void Every_key_must_match()
    {
        var query = Query(q =>
        {
            q.SetString(DicomTags.PatientName, DicomVR.PN, "Doe*");
            q.SetString(DicomTags.PatientID, DicomVR.LO, "P2");
        });
        Assert.False(DicomQueryMatcher.Matches(query, Record()));
    }

    [Fact]
    public void The_response_holds_the_requested_keys_filled_or_empty_plus_level_and_character_set()
    {
        var query = Query(q =>
        {
            q.SetString(DicomTags.PatientName, DicomVR.PN, "");
            q.SetString(DicomTags.AccessionNumber, DicomVR.SH, "");
            var item = new DicomDataset();
            item.SetString(DicomTags.CodeValue, DicomVR.SH, "");
            q.Set(new DicomSequence(DicomTags.ProcedureCodeSequence, [item]));
        });
        var response = DicomQueryResponseBuilder.Build(query, Record(), "STUDY");

        Assert.Equal("Doe^John", response.GetString(DicomTags.PatientName));
        Assert.True(response.GetElement(DicomTags.AccessionNumber)!.IsEmpty);
        Assert.False(response.Contains(DicomTags.PatientID));
        Assert.Equal("STUDY", response.GetString(DicomTags.QueryRetrieveLevel));
        Assert.True(response.Contains(DicomTags.SpecificCharacterSet));
        var returnedItem = Assert.Single(response.GetSequence(DicomTags.ProcedureCodeSequence)!.Items);
        Assert.Equal("A1", returnedItem.GetString(DicomTags.CodeValue));
        Assert.False(returnedItem.Contains(DicomTags.CodingSchemeDesignator));
    }
}
