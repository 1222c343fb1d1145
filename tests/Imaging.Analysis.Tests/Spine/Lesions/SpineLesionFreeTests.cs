using Imaging.Analysis.Spine.Lesions;

namespace Imaging.Analysis.Tests.Spine.Lesions;

/// <summary>The shared fractured phantom (wedge, biconcave and crush fractures, cement in L1, no lesion): nothing is lytic or
/// blastic, so compressed end plates and cement never pass for lesions.</summary>
public sealed class SpineLesionFreeTests(SpineCtCases cases) : IClassFixture<SpineCtCases>
{
    [Fact]
    public async Task Fractured_and_cemented_bodies_without_lesions_show_none()
    {
        var c = await cases.Fractured;
        Assert.NotEmpty(c.Findings.Vertebrae);
        Assert.All(c.Findings.Vertebrae, v =>
        {
            Assert.Equal(LesionTypes.None, v.LesionType);
            Assert.Equal(0, v.LyticVolumeMl);
            Assert.Equal(0, v.BlasticVolumeMl);
            Assert.Null(v.Sins);
        });
        Assert.True(c.Findings.Vertebrae.Single(v => v.Level == "L1").Cement);
    }
}
