using System.Diagnostics;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Volume;
using Imaging.Analysis.Tests.Spine.Volume;
using Imaging.Phantoms.Spine;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.Spine;

public sealed class SpineProbe(ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        var opts = new SpineCtPhantomOptions
        {
            Fractures = [new SpineFracture("T5", VertebralFractureType.Wedge, 35), new SpineFracture("T6", VertebralFractureType.Biconcave, 30), new SpineFracture("T10", VertebralFractureType.Crush, 45)],
        };
        var sw = Stopwatch.StartNew();
        var study = SpineCtPhantom.Generate(opts with { Rows = 32, Columns = 32, NoiseSigmaHu = 0, BlurFwhmMm = 0 });
        var input = PhantomSeries.Input(study.Instances);
        CtVolume volume;
        const string cache = "/tmp/spineprobe.bin";
        if (File.Exists(cache))
        {
            using var r = new BinaryReader(File.OpenRead(cache));
            int nx = r.ReadInt32(), ny = r.ReadInt32(), nz = r.ReadInt32();
            var aff = new double[16];
            for (var q = 0; q < 16; q++) aff[q] = r.ReadDouble();
            var vox = new float[nx * ny * nz];
            for (var q = 0; q < vox.Length; q++) vox[q] = r.ReadSingle();
            volume = new CtVolume(vox, nx, ny, nz, aff, true, nz, [], null);
            study = SpineCtPhantom.Generate(opts with { Rows = 32, Columns = 32, NoiseSigmaHu = 0, BlurFwhmMm = 0 });
        }
        else
        {
            study = SpineCtPhantom.Generate(opts);
            input = PhantomSeries.Input(study.Instances);
            volume = await CtVolumeLoader.LoadAsync(input);
            using var w = new BinaryWriter(File.Create(cache));
            w.Write(volume.SizeX); w.Write(volume.SizeY); w.Write(volume.SizeZ);
            foreach (var a in volume.Affine) w.Write(a);
            foreach (var v in volume.Voxels) w.Write(v);
        }
        output.WriteLine($"load {sw.ElapsedMilliseconds} {volume.SizeX}x{volume.SizeY}x{volume.SizeZ}");
        var options = SpineAnalysisOptions.Default;
        var (cx, cy) = Imaging.Analysis.Spine.Ct.CanalTracker.Track(volume, options, default);
        output.WriteLine("canal: " + string.Join(" ", Enumerable.Range(0, cx.Length).Where(k => k % 5 == 0).Select(k => double.IsNaN(cx[k]) ? "-" : $"{k}:{cx[k]:F0},{cy[k]:F0}")));
        for (var k = 100; k < 100; k += 3) output.WriteLine($"k{k}: " + string.Join(" ", Imaging.Analysis.Spine.Ct.CanalTracker.CandidatesForDiagnostics(volume, k, options).Select(c => $"({c.X:F0},{c.Y:F0} a{c.Area:F0})")));
        var line = Imaging.Analysis.Spine.Ct.SpineCenterLine.Build(volume, cx, cy, options)!;
        var prof = Imaging.Analysis.Spine.Ct.BodyProfile.Measure(volume, line, options, default);
        output.WriteLine("profile: " + string.Join(" ", Enumerable.Range(0, line.Count).Where(s => s % 4 == 0).Select(s => $"{prof.Level[s]:F0}/{prof.WallMm[s]:F0}")));
        var segs = Imaging.Analysis.Spine.Ct.DiscFinder.Segment(prof.Level, options);
        output.WriteLine("segs: " + string.Join(" ", segs.Select(g => $"{(g.IsDisc ? "D" : "B")}{g.Start}-{g.End}")));
        sw.Restart();
        var f = new SpineAnalyzer().Analyze(volume, input, CancellationToken.None);
        output.WriteLine($"analyze {sw.ElapsedMilliseconds}");
        for (var g = 0; g < segs.Count; g++) if (!segs[g].IsDisc) { var c = Imaging.Analysis.Spine.Ct.RibDetector.Count(volume, line, segs[g].Start, segs[g].End, options); output.WriteLine($"seg {segs[g].Start}-{segs[g].End} z{line.Points[segs[g].Centre].Z:F0} ribs {c.Left}/{c.Right}"); }
        foreach (var kk in Array.Empty<int>())
        {
            output.WriteLine($"plane {kk}");
            for (var j = 0; j < volume.SizeY; j += 3)
                output.WriteLine(new string(Enumerable.Range(0, volume.SizeX / 2).Select(i => volume[i * 2, j, kk] >= 250 ? '#' : volume[i * 2, j, kk] > -500 ? '.' : ' ').ToArray()));
        }
        var found = Imaging.Analysis.Spine.Ct.CtBodyFinder.Find(volume, options, default);
        output.WriteLine("ribs: " + string.Join(" ", found.RibBearing.Select(kv => $"{kv.Key}:{kv.Value}")));
        output.WriteLine($"{f.LabelConfidence} flagged {string.Join(",", f.FlaggedLevels)} warnings {string.Join(" | ", f.Warnings.Select(w => w.Code + ":" + w.Message))}");
        var truth = study.GroundTruth.Vertebrae.ToDictionary(v => v.Level);
        foreach (var v in f.Vertebrae)
        {
            truth.TryGetValue(v.Level, out var t);
            output.WriteLine($"{v.Level,-4} A {v.AnteriorHeightMm,6:F2} ({t?.AnteriorHeightMm,6:F2}) M {v.MiddleHeightMm,6:F2} ({t?.MiddleHeightMm,6:F2}) P {v.PosteriorHeightMm,6:F2} ({t?.PosteriorHeightMm,6:F2}) ref {v.ReferenceHeightMm,6:F2} ({t?.ReferenceHeightMm,6:F2}) loss {v.HeightLossPercent,5:F1} ({t?.HeightLossPercent,5:F1}) g{v.GenantGrade}({t?.GenantGrade}) {v.FractureType}({t?.FractureType}) vol {v.VolumeMl:F1} ({t?.VolumeMl:F1}) c [{string.Join(",", v.CentroidMm.Select(c => c.ToString("F1")))}] ([{string.Join(",", t?.CentroidMm.Select(c => c.ToString("F1")) ?? [])}])");
        }
    }
}
