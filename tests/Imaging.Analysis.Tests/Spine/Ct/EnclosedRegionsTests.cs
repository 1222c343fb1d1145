using Imaging.Analysis.Spine.Ct;

namespace Imaging.Analysis.Tests.Spine.Ct;

/// <summary>The run-based enclosed-region finder against a plain pixel flood (what the canal tracker did before) on
/// random planes: the same regions, in the same order, with the same sums.</summary>
public sealed class EnclosedRegionsTests
{
    [Theory]
    [InlineData(1, 37, 29)]
    [InlineData(2, 64, 64)]
    [InlineData(3, 8, 50)]
    [InlineData(4, 131, 7)]
    public void Finds_the_same_regions_as_a_pixel_flood_on_random_planes(int seed, int nx, int ny)
    {
        var random = new Random(seed);
        var finder = new EnclosedRegions();
        for (var trial = 0; trial < 40; trial++)
        {
            // Bone-like walls of varying density (more walls, more enclosed pockets), with a NaN now and then.
            var density = 0.2 + 0.6 * random.NextDouble();
            var plane = new float[nx * ny];
            for (var p = 0; p < plane.Length; p++)
                plane[p] = random.NextDouble() < 0.002 ? float.NaN : random.NextDouble() < density ? 400 + random.Next(500) : -100 + random.Next(200);
            var expected = Flood(plane, nx, ny, 250);
            var actual = finder.Find(plane, nx, ny, 250);
            Assert.Equal(expected.Count, actual.Count);
            for (var r = 0; r < expected.Count; r++)
            {
                Assert.Equal(expected[r].Pixels, actual[r].Pixels);
                Assert.Equal(expected[r].SumI, actual[r].SumI);
                Assert.Equal(expected[r].SumJ, actual[r].SumJ);
                // A NaN inside a region makes both sums NaN; otherwise only the order of summation differs.
                Assert.Equal(double.IsNaN(expected[r].SumValues), double.IsNaN(actual[r].SumValues));
                if (!double.IsNaN(expected[r].SumValues)) Assert.Equal(expected[r].SumValues, actual[r].SumValues, 1e-6);
            }
        }
    }

    [Fact]
    public void A_ring_encloses_its_inside_and_a_ring_cut_open_to_the_border_does_not()
    {
        const int n = 20;
        var plane = new float[n * n];
        for (var j = 0; j < n; j++)
            for (var i = 0; i < n; i++)
            {
                var d = Math.Max(Math.Abs(i - 9), Math.Abs(j - 9));
                plane[j * n + i] = d == 5 ? 800 : 20;
            }
        var closed = new EnclosedRegions().Find(plane, n, n, 250);
        var region = Assert.Single(closed);
        Assert.Equal(81, region.Pixels);
        Assert.Equal(9.0, region.SumI / region.Pixels);
        Assert.Equal(9.0, region.SumJ / region.Pixels);
        Assert.Equal(20.0, region.SumValues / region.Pixels);

        plane[4 * n + 9] = 20;
        Assert.Empty(new EnclosedRegions().Find(plane, n, n, 250));
    }

    private static List<EnclosedRegions.Region> Flood(float[] plane, int nx, int ny, float threshold)
    {
        // 1 = at or above the threshold, 2 = reachable from the border, ≥ 3 enclosed, numbered in scan order.
        var label = new int[plane.Length];
        for (var p = 0; p < plane.Length; p++) if (plane[p] >= threshold) label[p] = 1;
        var queue = new Queue<int>();
        void Fill(int start, int id)
        {
            label[start] = id;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                var p = queue.Dequeue();
                int i = p % nx, j = p / nx;
                foreach (var (q, ok) in new[] { (p - 1, i > 0), (p + 1, i + 1 < nx), (p - nx, j > 0), (p + nx, j + 1 < ny) })
                {
                    if (!ok || label[q] != 0) continue;
                    label[q] = id;
                    queue.Enqueue(q);
                }
            }
        }
        for (var p = 0; p < plane.Length; p++)
        {
            int i = p % nx, j = p / nx;
            if (label[p] == 0 && (i == 0 || j == 0 || i == nx - 1 || j == ny - 1)) Fill(p, 2);
        }
        var regions = new List<EnclosedRegions.Region>();
        var id = 3;
        for (var p = 0; p < plane.Length; p++)
        {
            if (label[p] != 0) continue;
            Fill(p, id);
            int pixels = 0;
            double si = 0, sj = 0, sv = 0;
            for (var q = 0; q < plane.Length; q++)
            {
                if (label[q] != id) continue;
                pixels++;
                si += q % nx;
                sj += q / nx;
                sv += plane[q];
            }
            regions.Add(new EnclosedRegions.Region(pixels, si, sj, sv));
            id++;
        }
        return regions;
    }
}
