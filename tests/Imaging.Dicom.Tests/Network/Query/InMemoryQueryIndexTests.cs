using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

public class InMemoryQueryIndexTests
{
    private static readonly DicomAssociationContext NoAssociation = new(new NegotiatedAssociation
    {
        CalledAETitle = "IMAGING",
        CallingAETitle = "TEST",
        PresentationContexts = [],
        PeerMaximumLength = 0,
        OwnMaximumLength = 0,
    }, null);

    private static async Task<List<DicomDataset>> FindAsync(InMemoryQueryIndex index, QueryRetrieveLevel level, Action<DicomDataset> keys)
    {
        var identifier = new DicomDataset();
        keys(identifier);
        var found = new List<DicomDataset>();
        await foreach (var record in index.FindAsync(new CFindRequest(QueryInformationModel.StudyRoot, level, identifier, NoAssociation), CancellationToken.None))
            found.Add(record);
        return found;
    }

    [Fact]
    public async Task Study_records_carry_counts_and_the_modalities_of_all_their_series()
    {
        var studies = await FindAsync(QueryTestData.Index(), QueryRetrieveLevel.Study, k => k.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.826.0.2.1"));
        var study = Assert.Single(studies);
        Assert.Equal(["CT", "SR"], study.GetStrings(DicomTags.ModalitiesInStudy));
        Assert.Equal("2", study.GetString(DicomTags.NumberOfStudyRelatedSeries));
        Assert.Equal("2", study.GetString(DicomTags.NumberOfStudyRelatedInstances));
        Assert.False(study.Contains(DicomTags.SeriesInstanceUID));
    }

    [Fact]
    public async Task Each_level_returns_one_record_per_distinct_unique_key()
    {
        var index = QueryTestData.Index();
        Assert.Equal(2, (await FindAsync(index, QueryRetrieveLevel.Patient, _ => { })).Count);
        Assert.Equal(3, (await FindAsync(index, QueryRetrieveLevel.Study, _ => { })).Count);
        Assert.Equal(4, (await FindAsync(index, QueryRetrieveLevel.Series, _ => { })).Count);
        Assert.Equal(5, (await FindAsync(index, QueryRetrieveLevel.Image, _ => { })).Count);
    }

    [Fact]
    public void Adding_the_same_instance_again_replaces_it_and_headers_without_uids_are_refused()
    {
        var index = QueryTestData.Index();
        Assert.True(index.Add(QueryTestData.Header(0)));
        Assert.Equal(5, index.Count);
        var incomplete = QueryTestData.Header(1);
        incomplete.Remove(DicomTags.SeriesInstanceUID);
        Assert.False(index.Add(incomplete));
    }

    [Fact]
    public async Task Concurrent_adds_are_all_kept()
    {
        var index = new InMemoryQueryIndex();
        await Parallel.ForAsync(0, 1000, (i, _) =>
        {
            var header = QueryTestData.Header(0);
            header.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.826.0.9." + i);
            index.Add(header);
            return ValueTask.CompletedTask;
        });
        Assert.Equal(1000, index.Count);
    }
}
