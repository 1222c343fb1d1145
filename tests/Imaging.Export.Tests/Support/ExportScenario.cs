namespace Imaging.Export.Tests.Support;

/// <summary>The seeded cohort of the runner tests: two patients, three studies, five exportable instances, one with burned-in
/// text, and bone-scan and spine findings whose documents carry original UIDs, dates and free text.</summary>
public static class ExportScenario
{
    public const string Alpha = "PID-ALPHA";
    public const string Beta = "PID-BETA";
    public const string AlphaFirstStudy = "1.2.826.0.1.3680043.2.1143.100";
    public const string AlphaSecondStudy = "1.2.826.0.1.3680043.2.1143.200";
    public const string BetaStudy = "1.2.826.0.1.3680043.2.1143.300";

    public static async Task SeedAsync(ExportArchive archive)
    {
        archive.Identifiers.UnionWith(["ALPHA^ANNA", "BETA^BORIS", "2024-01-10", "2024-04-10", "2023-05-05", "Dr Who"]);
        await archive.AddInstanceAsync(Alpha, "ALPHA^ANNA", AlphaFirstStudy, "20240110", AlphaFirstStudy + ".1", "NM", AlphaFirstStudy + ".1.1", 1);
        await archive.AddInstanceAsync(Alpha, "ALPHA^ANNA", AlphaFirstStudy, "20240110", AlphaFirstStudy + ".1", "NM", AlphaFirstStudy + ".1.2", 2);
        await archive.AddInstanceAsync(Alpha, "ALPHA^ANNA", AlphaSecondStudy, "20240410", AlphaSecondStudy + ".1", "NM", AlphaSecondStudy + ".1.1", 1);
        await archive.AddInstanceAsync(Beta, "BETA^BORIS", BetaStudy, "20230505", BetaStudy + ".1", "CT", BetaStudy + ".1.1", 1);
        await archive.AddInstanceAsync(Beta, "BETA^BORIS", BetaStudy, "20230505", BetaStudy + ".1", "CT", BetaStudy + ".1.2", 2);
        await archive.AddInstanceAsync(Beta, "BETA^BORIS", BetaStudy, "20230505", BetaStudy + ".2", "SC", BetaStudy + ".2.1", 1, burnedIn: true);

        await archive.AddFindingsAsync(AlphaFirstStudy, AlphaFirstStudy + ".1", "bone-scan", $$"""
            {"analyzer":"bone-scan","analyzerVersion":"1.2.0","studyInstanceUid":"{{AlphaFirstStudy}}","seriesInstanceUid":"{{AlphaFirstStudy}}.1",
             "seriesDate":"2024-01-10","status":"counted","tracer":"Tc-99m MDP for ALPHA^ANNA","lesionCount":3,
             "regionCounts":{"skull":0,"cervical-spine":0,"thoracic-spine":2,"lumbar-spine":0,"sacrum":0,"ribs":1,"sternum":0,"shoulder":0,"pelvis":0,"upper-limbs":0,"lower-limbs":0},
             "lesions":[{"id":"L1","region":"thoracic-spine","views":["anterior","posterior"],"x":120,"y":200,"peakRatio":2.5,"areaMm2":140.5,"trackingUid":"{{AlphaFirstStudy}}.9"},
                        {"id":"L2","region":"thoracic-spine","views":["posterior"],"x":125,"y":230,"peakRatio":1.9,"areaMm2":80},
                        {"id":"L3","region":"ribs","views":["anterior"],"x":90,"y":210,"peakRatio":1.7,"areaMm2":60.25}],
             "extentOfDiseaseGrade":1,"comparison":null}
            """);
        await archive.AddFindingsAsync(AlphaSecondStudy, AlphaSecondStudy + ".1", "bone-scan", $$"""
            {"analyzer":"bone-scan","analyzerVersion":"1.2.0","studyInstanceUid":"{{AlphaSecondStudy}}","seriesDate":"2024-04-10","status":"counted",
             "lesionCount":5,"regionCounts":{"skull":1,"thoracic-spine":3,"ribs":1},
             "lesions":[{"id":"L1","region":"skull","views":["anterior"],"x":100,"y":20,"peakRatio":3,"areaMm2":50}],
             "extentOfDiseaseGrade":2,
             "comparison":{"priorStudyInstanceUid":"{{AlphaFirstStudy}}","priorDate":"2024-01-10","intervalDays":91,"priorLesionCount":3,
                           "currentLesionCount":5,"newCount":2,"persistentCount":3,"resolvedCount":0,"notes":["Dr Who says progression"]} }
            """);
        await archive.AddFindingsAsync(BetaStudy, BetaStudy + ".1", "spine", $$"""
            {"analyzer":"spine","analyzerVersion":"1.2.0","modality":"CT","studyInstanceUid":"{{BetaStudy}}","seriesDate":"2023-05-05",
             "method":"ct-classical","labelConfidence":"high","warnings":[{"code":"x","message":"BETA^BORIS"}],
             "vertebrae":[{"level":"T7","anteriorHeightMm":15.5,"middleHeightMm":18,"posteriorHeightMm":22,"referenceHeightMm":22,"heightLossPercent":29.5,
                           "genantGrade":2,"fractureType":"wedge","cement":false,"volumeMl":20,"centroidMm":[0,0,0]},
                          {"level":"L1","anteriorHeightMm":25,"middleHeightMm":24.5,"posteriorHeightMm":25.5,"referenceHeightMm":25,"heightLossPercent":2,
                           "genantGrade":0,"fractureType":"none","cement":true,"volumeMl":30,"centroidMm":[0,0,0]},
                          {"level":"BETA^BORIS","anteriorHeightMm":1}],
             "flaggedLevels":["T7","<script>"],"comparison":null}
            """);
        await archive.AddFindingsAsync(BetaStudy, BetaStudy + ".1", "metadata", """{"patientName":"BETA^BORIS"}""");
    }
}
