using Imaging.Analysis.Spine.Lesions;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.Spine.Lesions;

public sealed class SpineLesionTests(SpineLesionCases cases, ITestOutputHelper output) : IClassFixture<SpineLesionCases>
{
    [Fact]
    public async Task Report_lesions()
    {
        var c = await cases.Lesions;
        foreach (var v in c.Findings.Vertebrae)
        {
            var t = c.Study.GroundTruth.Vertebrae.Single(x => x.Level == v.Level);
            output.WriteLine($"{v.Level}: h {v.AnteriorHeightMm:F1}/{v.MiddleHeightMm:F1}/{v.PosteriorHeightMm:F1} ref {v.ReferenceHeightMm:F1} truth {t.AnteriorHeightMm:F1}/{t.MiddleHeightMm:F1}/{t.PosteriorHeightMm:F1} {v.LesionType} lytic {v.LyticVolumeMl} blastic {v.BlasticVolumeMl} frac {v.LesionInvolvedFraction} loss {v.HeightLossPercent:F1} cement {v.Cement} sins {v.Sins?.PartialScore} | truth {t.Lesion} {t.LesionVolumeMl} loss {t.HeightLossPercent}");
        }
        output.WriteLine(string.Join(" ", c.Findings.Warnings.Select(w => w.Code)));
    }
}
