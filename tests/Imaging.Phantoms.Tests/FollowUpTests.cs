using Imaging.Dicom.Dictionary;
using Imaging.Phantoms;

namespace Imaging.Phantoms.Tests;

public sealed class FollowUpTests(PhantomFixture fixture) : IClassFixture<PhantomFixture>
{
    private static FollowUpChanges Changes => new()
    {
        Added = [new PhantomLesion("N1", LesionPlacement.AtSite("T4"), 20, 3), new PhantomLesion("N2", LesionPlacement.AtSite("right-femur"), 18, 2.5)],
        Removed = ["L2", "L5"],
        Shifted = new Dictionary<string, (double, double)> { ["L1"] = (0, 12) },
        NewContrast = new Dictionary<string, double> { ["L4"] = 4.5 },
    };

    [Fact]
    public void Follow_up_is_a_later_study_of_the_same_patient_with_new_uids()
    {
        var baseline = fixture.Noisy;
        var followUp = BoneScanPhantom.FollowUp(baseline, Changes);
        var before = baseline.Instances[0].Dataset;
        var after = followUp.Instances[0].Dataset;
        Assert.Equal(before.GetSingleString(DicomTags.PatientID), after.GetSingleString(DicomTags.PatientID));
        Assert.Equal(before.GetSingleString(DicomTags.PatientName), after.GetSingleString(DicomTags.PatientName));
        Assert.Equal(before.GetSingleString(DicomTags.PatientBirthDate), after.GetSingleString(DicomTags.PatientBirthDate));
        foreach (var uid in new[] { DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID, DicomTags.SOPInstanceUID })
            Assert.NotEqual(before.GetSingleString(uid), after.GetSingleString(uid));
        Assert.Equal(before.GetDate(DicomTags.StudyDate)!.Value.AddDays(120), after.GetDate(DicomTags.StudyDate));
        Assert.Equal(baseline.GroundTruth.StudyInstanceUid, followUp.GroundTruth.Comparison!.BaselineStudyInstanceUid);
    }

    [Fact]
    public void Ground_truth_classifies_every_lesion_as_new_persistent_or_resolved_with_its_baseline_id()
    {
        var followUp = BoneScanPhantom.FollowUp(fixture.Noisy, Changes);
        var truth = followUp.GroundTruth;
        var status = truth.Lesions.ToDictionary(l => l.Id, l => (l.Status, l.BaselineId));
        Assert.Equal(("new", null), status["N1"]);
        Assert.Equal(("new", null), status["N2"]);
        foreach (var id in new[] { "L1", "L3", "L4", "L6" }) Assert.Equal(("persistent", id), status[id]);
        Assert.DoesNotContain("L2", status.Keys);
        Assert.Equal(["L2", "L5"], truth.Comparison!.Resolved.Select(r => r.BaselineId));
        Assert.All(truth.Comparison.Resolved, r => Assert.Equal("resolved", r.Status));
        Assert.Equal((2, 4, 2), (truth.Comparison.NewCount, truth.Comparison.PersistentCount, truth.Comparison.ResolvedCount));
        Assert.Equal(4.5, truth.Lesions.Single(l => l.Id == "L4").Contrast);
        Assert.Equal(3.0, truth.Lesions.Single(l => l.Id == "L4").BaselineContrast);
    }

    [Fact]
    public void Patient_repositioning_and_lesion_shift_move_the_ground_truth_positions()
    {
        var baseline = fixture.Noisy.GroundTruth;
        var still = BoneScanPhantom.FollowUp(fixture.Noisy, new FollowUpChanges { PatientShiftXPixels = 0, PatientShiftYPixels = 0, PatientScale = 1 });
        Assert.Equal(baseline.Lesions.Select(l => (l.X, l.Y)), still.GroundTruth.Lesions.Select(l => (l.X, l.Y)));
        Assert.All(still.GroundTruth.Lesions, l => Assert.Equal("persistent", l.Status));

        var moved = BoneScanPhantom.FollowUp(fixture.Noisy, Changes with { PatientShiftXPixels = 3, PatientShiftYPixels = -4, PatientScale = 1.0 });
        var l3Before = baseline.Lesions.Single(l => l.Id == "L3");
        var l3After = moved.GroundTruth.Lesions.Single(l => l.Id == "L3");
        Assert.Equal(l3Before.X + 3, l3After.X, 0.011);
        Assert.Equal(l3Before.Y - 4, l3After.Y, 0.011);
        var l1After = moved.GroundTruth.Lesions.Single(l => l.Id == "L1");
        Assert.Equal(l1After.BaselineY!.Value - 4 + 12 / 2.4, l1After.Y, 0.011);
        Assert.Equal(moved.GroundTruth.Anchors.HeadTop.Y, baseline.Anchors.HeadTop.Y - 4, 0.011);
    }

    [Fact]
    public void Changes_naming_unknown_or_clashing_lesions_are_refused()
    {
        Assert.Throws<ArgumentException>(() => BoneScanPhantom.FollowUp(fixture.Noisy, new FollowUpChanges { Removed = ["nope"] }));
        Assert.Throws<ArgumentException>(() => BoneScanPhantom.FollowUp(fixture.Noisy, new FollowUpChanges { Added = [new("L1", LesionPlacement.AtSite("T2"))] }));
    }
}
