using Imaging.Analysis.Spine.Mr;
using Imaging.Analysis.Spine.Volume;
using Imaging.Analysis.Tests.Spine.Volume;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Mr;
namespace Imaging.Analysis.Tests.Spine.Mr;
public sealed class TmpDump
{
    [Fact]
    public async Task Dump()
    {
        var study = SpineMrPhantom.Generate(new SpineMrPhantomOptions { FirstLevel = "T11", LastLevel = "S1", Rows = 300, Columns = 240, PixelSpacingMm = 1.0, Slices = 11,
            Fractures = [new SpineFracture("L1", VertebralFractureType.Wedge, 35), new SpineFracture("L3", VertebralFractureType.Biconcave, 30), new SpineFracture("T12", VertebralFractureType.Crush, 30)], OedemaLevels = ["L1", "T12"], Contrast = SpineMrContrast.T2 });
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(study.Instances));
        var r = MrBodyFinder.Find(volume, MrWeighting.T2);
        var k = r.MidSagittalPlane;
        using var f = new StreamWriter("/tmp/mrview/mask.pgm");
        f.Write($"P2 {volume.SizeX} {volume.SizeY} 255\n");
        for (var j = 0; j < volume.SizeY; j++) { for (var i = 0; i < volume.SizeX; i++) { var l = r.Labels.Labels[((long)k * volume.SizeY + j) * volume.SizeX + i]; var v = Math.Clamp(volume[i, j, k] / 4, 0, 200); f.Write(l > 0 ? (40 + 30 * (l % 7)).ToString() + " " : ((int)v).ToString() + " "); } f.Write("\n"); }
    }
}
