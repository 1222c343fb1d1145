using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Lesions;

namespace Imaging.Analysis.Tests.Spine.Lesions;

public sealed class LabelHoleFillerTests
{
    [Fact]
    public void An_enclosed_hole_takes_its_bodys_label_and_other_bodies_and_the_outside_are_untouched()
    {
        const int n = 12;
        var data = new byte[n * n * n];
        int At(int i, int j, int k) => (k * n + j) * n + i;
        // Body 1: a 6³ cube with a 2³ hole; body 2 beside it; a notch open to the outside in body 1's top face.
        for (var k = 1; k <= 6; k++)
            for (var j = 1; j <= 6; j++)
                for (var i = 1; i <= 6; i++)
                    data[At(i, j, k)] = 1;
        for (var k = 3; k <= 4; k++)
            for (var j = 3; j <= 4; j++)
                for (var i = 3; i <= 4; i++)
                    data[At(i, j, k)] = 0;
        for (var k = 1; k <= 6; k++) data[At(8, 3, k)] = 2;
        data[At(1, 1, 6)] = 0;
        var labels = new VertebralBodyLabels(n, n, n, data, new Dictionary<byte, string> { [1] = "L1", [2] = "L2" }, "ct-classical");

        var filled = LabelHoleFiller.Fill(labels);

        Assert.Equal(1, filled.Labels[At(3, 3, 3)]);
        Assert.Equal(1, filled.Labels[At(4, 4, 4)]);
        Assert.Equal(0, filled.Labels[At(1, 1, 6)]);
        Assert.Equal(2, filled.Labels[At(8, 3, 3)]);
        Assert.Equal(0, filled.Labels[At(10, 10, 10)]);
        Assert.Equal(0, data[At(3, 3, 3)]);
    }
}
