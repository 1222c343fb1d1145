using System.Text.Json.Nodes;

namespace Imaging.Browser.Tests.Support;

/// <summary>The fake API's answers, written by hand exactly per the workspace REST contract
/// (services/Imaging.Api/Ui/docs/api-contract.md), so the UI test checks the UI against the contract, not against our
/// own server code. The patient ID holds a space and a slash: the UI must encode it as one path segment.</summary>
public static class CannedApi
{
    public const string PatientId = "PAT 1/A";
    public const string BaselineStudy = "1.2.826.0.1.3680043.10.1000.1";
    public const string FollowupStudy = "1.2.826.0.1.3680043.10.1000.2";
    public const string BaselineNmSeries = "1.2.826.0.1.3680043.10.1000.1.1";
    public const string FollowupNmSeries = "1.2.826.0.1.3680043.10.1000.2.1";
    public const string BaselineNmInstance = "1.2.826.0.1.3680043.10.1000.1.1.1";
    public const string FollowupNmInstance = "1.2.826.0.1.3680043.10.1000.2.1.1";
    public const string KeyImageSeries = "1.2.826.0.1.3680043.10.1000.2.9";
    public const string KeyImageInstance = "1.2.826.0.1.3680043.10.1000.2.9.1";
    public const double BaselineNormalBone = 120.5;
    public const double FollowupNormalBone = 98.25;

    public static JsonObject Patients() => Parse($$$"""
        {"items":[
          {"patientId":"{{{PatientId}}}","patientName":"DOE^JOHN","birthDate":"19540312","sex":"M","studyCount":2,"latestStudyDate":"20250610"},
          {"patientId":"PAT-2","patientName":"DOE^JANE","birthDate":"19610704","sex":"F","studyCount":1,"latestStudyDate":"20240902"}],
         "limit":25,"offset":0,"total":2}
        """);

    public static JsonObject Patient() => (JsonObject)Patients()["items"]![0]!.DeepClone();

    public static JsonObject Timeline() => Parse($$$"""
        {"patient":{"patientId":"{{{PatientId}}}","patientName":"DOE^JOHN","birthDate":"19540312","sex":"M","studyCount":2,"latestStudyDate":"20250610"},
         "studies":[
          {"studyInstanceUid":"{{{BaselineStudy}}}","studyDate":"20250110","studyTime":"093000","studyDescription":"Baseline staging","accessionNumber":"ACC1","modalities":["NM","CT"],
           "series":[
             {"seriesInstanceUid":"{{{BaselineNmSeries}}}","modality":"NM","seriesNumber":1,"seriesDescription":"WB bone scan","instanceCount":1,"state":"analyzed",
              "findings":[{"analyzer":"bone-scan","analyzerVersion":"1.0","producedAt":"2025-01-10T10:00:00Z",
                           "summary":{"lesionCount":7,"extentOfDiseaseGrade":2,"status":"ok","newCount":null,"persistentCount":null,"resolvedCount":null}}]},
             {"seriesInstanceUid":"1.2.826.0.1.3680043.10.1000.1.2","modality":"CT","seriesNumber":2,"seriesDescription":"Spine CT","instanceCount":120,"state":"analyzed",
              "findings":[{"analyzer":"spine","analyzerVersion":"1.0","producedAt":"2025-01-10T10:05:00Z",
                           "summary":{"flaggedLevels":["T11"],"labelConfidence":"high","modality":"CT"}}]}]},
          {"studyInstanceUid":"{{{FollowupStudy}}}","studyDate":"20250610","studyTime":"101500","studyDescription":"Follow-up","accessionNumber":"ACC2","modalities":["NM","CT"],
           "series":[
             {"seriesInstanceUid":"{{{FollowupNmSeries}}}","modality":"NM","seriesNumber":1,"seriesDescription":"WB bone scan","instanceCount":1,"state":"analyzed",
              "findings":[{"analyzer":"bone-scan","analyzerVersion":"1.0","producedAt":"2025-06-10T11:00:00Z",
                           "summary":{"lesionCount":8,"extentOfDiseaseGrade":2,"status":"ok","newCount":3,"persistentCount":5,"resolvedCount":2}}]},
             {"seriesInstanceUid":"1.2.826.0.1.3680043.10.1000.2.2","modality":"CT","seriesNumber":2,"seriesDescription":"Spine CT","instanceCount":118,"state":"analyzed",
              "findings":[{"analyzer":"spine","analyzerVersion":"1.0","producedAt":"2025-06-10T11:05:00Z",
                           "summary":{"flaggedLevels":["T11","T12"],"labelConfidence":"high","modality":"CT"}}]}]}]}
        """);

    public static JsonObject Comparison() => Parse($$$"""
        {"patientId":"{{{PatientId}}}",
         "baseline":{"studyInstanceUid":"{{{BaselineStudy}}}","studyDate":"20250110","studyDescription":"Baseline staging"},
         "followup":{"studyInstanceUid":"{{{FollowupStudy}}}","studyDate":"20250610","studyDescription":"Follow-up"},
         "intervalDays":151,
         "boneScan":{
           "baseline":{"studyInstanceUid":"{{{BaselineStudy}}}","seriesInstanceUid":"{{{BaselineNmSeries}}}","sopInstanceUid":"{{{BaselineNmInstance}}}",
                       "anteriorFrame":1,"posteriorFrame":2,"normalBone":{{{BaselineNormalBone}}},"lesionCount":7,"columns":256,"rows":1024},
           "followup":{"studyInstanceUid":"{{{FollowupStudy}}}","seriesInstanceUid":"{{{FollowupNmSeries}}}","sopInstanceUid":"{{{FollowupNmInstance}}}",
                       "anteriorFrame":1,"posteriorFrame":2,"normalBone":{{{FollowupNormalBone}}},"lesionCount":8,"columns":256,"rows":1024},
           "newCount":3,"persistentCount":5,"resolvedCount":2,
           "extentOfDiseaseGrade":{"baseline":2,"followup":2},
           "regions":[
             {"region":"thoracic-spine","baseline":2,"followup":4,"change":2},
             {"region":"pelvis","baseline":3,"followup":2,"change":-1},
             {"region":"ribs","baseline":2,"followup":2,"change":0}],
           "totals":{"baseline":7,"followup":8,"change":1},
           "lesions":[
             {"status":"new","region":"thoracic-spine","x":120,"y":300,"frameOf":"followup","peakRatio":3.4,"priorPeakRatio":null,"intensityChangePercent":null},
             {"status":"new","region":"thoracic-spine","x":134,"y":340,"frameOf":"followup","peakRatio":2.9,"priorPeakRatio":null,"intensityChangePercent":null},
             {"status":"new","region":"ribs","x":80,"y":260,"frameOf":"followup","peakRatio":2.2,"priorPeakRatio":null,"intensityChangePercent":null},
             {"status":"persistent","region":"thoracic-spine","x":128,"y":380,"frameOf":"followup","peakRatio":3.1,"priorPeakRatio":2.8,"intensityChangePercent":10.7},
             {"status":"persistent","region":"thoracic-spine","x":126,"y":420,"frameOf":"followup","peakRatio":2.5,"priorPeakRatio":3.0,"intensityChangePercent":-16.7},
             {"status":"persistent","region":"pelvis","x":100,"y":600,"frameOf":"followup","peakRatio":2.6,"priorPeakRatio":2.6,"intensityChangePercent":0},
             {"status":"persistent","region":"pelvis","x":150,"y":610,"frameOf":"followup","peakRatio":2.4,"priorPeakRatio":2.2,"intensityChangePercent":9.1},
             {"status":"persistent","region":"ribs","x":175,"y":280,"frameOf":"followup","peakRatio":2.0,"priorPeakRatio":2.1,"intensityChangePercent":-4.8},
             {"status":"resolved","region":"pelvis","x":110,"y":640,"frameOf":"baseline","peakRatio":2.3,"priorPeakRatio":null,"intensityChangePercent":null},
             {"status":"resolved","region":"ribs","x":60,"y":250,"frameOf":"baseline","peakRatio":2.1,"priorPeakRatio":null,"intensityChangePercent":null}],
           "progression":"Progression suspected: 3 new lesions (2+2 rule: at least 2 new lesions, to be confirmed by at least 2 more on the next scan).",
           "notes":["Progression suspected: 3 new lesions (2+2 rule: at least 2 new lesions, to be confirmed by at least 2 more on the next scan).","The follow-up is 151 days after the baseline: no flare window."],
           "source":"stored"},
         "spine":{
           "baseline":{"studyInstanceUid":"{{{BaselineStudy}}}","seriesInstanceUid":"1.2.826.0.1.3680043.10.1000.1.2","modality":"CT"},
           "followup":{"studyInstanceUid":"{{{FollowupStudy}}}","seriesInstanceUid":"1.2.826.0.1.3680043.10.1000.2.2","modality":"CT"},
           "levels":[
             {"level":"T10","baseline":{"anteriorHeightMm":22.1,"middleHeightMm":21.5,"posteriorHeightMm":23.0,"heightLossPercent":4,"genantGrade":0,"fractureType":null,"cement":false},
                            "followup":{"anteriorHeightMm":22.0,"middleHeightMm":21.4,"posteriorHeightMm":23.0,"heightLossPercent":4,"genantGrade":0,"fractureType":null,"cement":false},
                            "minHeightChangeMm":-0.1,"minHeightChangePercent":-0.5,"status":"stable"},
             {"level":"T11","baseline":{"anteriorHeightMm":17.0,"middleHeightMm":19.9,"posteriorHeightMm":23.4,"heightLossPercent":27,"genantGrade":1,"fractureType":"wedge","cement":false},
                            "followup":{"anteriorHeightMm":16.8,"middleHeightMm":19.8,"posteriorHeightMm":23.4,"heightLossPercent":28,"genantGrade":1,"fractureType":"wedge","cement":true},
                            "minHeightChangeMm":-0.2,"minHeightChangePercent":-1.2,"status":"stable"},
             {"level":"T12","baseline":{"anteriorHeightMm":24.0,"middleHeightMm":23.6,"posteriorHeightMm":24.4,"heightLossPercent":3,"genantGrade":0,"fractureType":null,"cement":false},
                            "followup":{"anteriorHeightMm":16.2,"middleHeightMm":17.9,"posteriorHeightMm":24.1,"heightLossPercent":33,"genantGrade":2,"fractureType":"wedge","cement":false},
                            "minHeightChangeMm":-7.8,"minHeightChangePercent":-32.5,"status":"new-fracture"},
             {"level":"L1","baseline":null,
                            "followup":{"anteriorHeightMm":25.5,"middleHeightMm":25.0,"posteriorHeightMm":26.1,"heightLossPercent":4,"genantGrade":0,"fractureType":null,"cement":false},
                            "minHeightChangeMm":null,"minHeightChangePercent":null,"status":"stable"}],
           "baselineFlagged":["T11"],"followupFlagged":["T11","T12"],"newFractures":["T12"],"progressed":[],"cementAdded":["T11"],
           "keyImages":[{"studyInstanceUid":"{{{FollowupStudy}}}","seriesInstanceUid":"{{{KeyImageSeries}}}","sopInstanceUid":"{{{KeyImageInstance}}}"}],
           "source":"computed"}}
        """);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
