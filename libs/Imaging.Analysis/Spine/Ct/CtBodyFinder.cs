using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Ct;

/// <summary>Steps 2–4 of the CT spine analysis (README): canal tracked plane by plane and smoothed into a centre line; discs
/// from the HU profile in front of the canal; each body grown between its two disc planes; levels counted from S1 and
/// cross-checked with the ribs. Output: a <see cref="VertebralBodyLabels"/> (source <c>ct-classical</c>) on the volume's grid.</summary>
public static class CtBodyFinder
{
    public const string Source = "ct-classical";

    public static CtBodyFinding Find(CtVolume volume, SpineAnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        options ??= SpineAnalysisOptions.Default;
        var empty = new Dictionary<string, bool>();
        // The slices must cut across the spine: the grid's k axis within 45° of the patient's head–foot axis.
        if (Math.Abs(volume.Affine[10]) / volume.SpacingMm[2] < Math.Cos(Math.PI / 4))
            return new CtBodyFinding(null, "low", [new SpineWarning(SpineWarningCodes.NotAxial, "The slices are not axial: the CT method needs slices across the spine.")], empty);

        var (canalX, canalY) = CanalTracker.Track(volume, options, cancellationToken);
        var line = SpineCenterLine.Build(volume, canalX, canalY, options);
        if (line is null) return NotFound("The spinal canal was not found (fewer than 10 planes with a bone-enclosed canal).");
        var profile = BodyProfile.Measure(volume, line, options, cancellationToken);
        var segments = DiscFinder.Segment(profile.Level, options);

        var claimed = new byte[volume.Voxels.Length];
        var bodies = new List<(byte Temporary, bool Ribs, int Centre)>();
        byte next = 1;
        var sacrum = false;
        for (var r = 0; r < segments.Count; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var body = segments[r];
            if (body.IsDisc) continue;
            var discBelow = r > 0 && segments[r - 1].IsDisc;
            var discAbove = r + 1 < segments.Count && segments[r + 1].IsDisc;
            if (bodies.Count == 0 && !sacrum && discAbove && (r == 0 || segments[r - 1].Start == 0))
            {
                // The caudal-most body: S1 when its bone reaches the iliac wings (the field of view may cut it anywhere).
                var upper = DiscPlaneSample(segments, r + 1, body.End + 1, line.Count);
                var probeLower = Math.Max(0, upper - (int)(35 / SpineCenterLine.StepMm));
                var probe = Grow(volume, line, profile, Math.Max(probeLower, upper - (int)(10 / SpineCenterLine.StepMm)), probeLower, upper, 150, claimed, options);
                if (probe.MaximumLateralMm >= options.SacralFusionLateralMm)
                {
                    // S1 has no disc below: its lower limit is the height of the body above it (L5), or a typical 28 mm.
                    var aboveLength = r + 3 < segments.Count && !segments[r + 2].IsDisc && segments[r + 3].IsDisc
                        ? (segments[r + 2].Length + segments[r + 1].Length) * SpineCenterLine.StepMm : 28;
                    var lower = Math.Max(0, upper - (int)(aboveLength * 1.02 / SpineCenterLine.StepMm));
                    var grown = Grow(volume, line, profile, (lower + upper) / 2, lower, upper, options.MaximumBodyHalfWidthMm, claimed, options);
                    if (grown.Voxels.Count > 0)
                    {
                        sacrum = true;
                        foreach (var index in grown.Voxels) claimed[index] = next;
                        bodies.Add((next++, false, body.Centre));
                        continue;
                    }
                }
            }
            if (discBelow && discAbove)
            {
                var lower = DiscPlaneSample(segments, r - 1, body.Start - 1, line.Count);
                var upper = DiscPlaneSample(segments, r + 1, body.End + 1, line.Count);
                var grown = Grow(volume, line, profile, body.Centre, lower, upper, options.MaximumBodyHalfWidthMm, claimed, options);
                if (grown.Voxels.Count * VoxelMl(volume) < 0.5 || next == byte.MaxValue) continue;
                foreach (var index in BodySegmenter.PeelFringe(volume, grown.Voxels, options)) claimed[index] = next;
                // The iliac wings rise beside the two levels above S1 and would pass for ribs there.
                var besideWings = sacrum && bodies.Count <= 2;
                bodies.Add((next++, !besideWings && RibDetector.HasRibs(volume, line, body.Start, body.End, options), body.Centre));
            }
        }
        if (bodies.Count == 0) return NotFound("No vertebral body was found between two discs along the canal.");

        var labelled = LevelLabeller.Label(bodies.Select(b => b.Ribs).ToList(), sacrum);
        // Final label values run cranial to caudal (1 = most cranial), as a reader would list them.
        var remap = new byte[256];
        var levels = new Dictionary<byte, string>();
        var ribs = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var b = 0; b < bodies.Count; b++)
        {
            var value = (byte)(bodies.Count - b);
            remap[bodies[b].Temporary] = value;
            levels[value] = labelled.Levels[b];
            ribs[labelled.Levels[b]] = bodies[b].Ribs;
        }
        for (var p = 0; p < claimed.Length; p++) claimed[p] = remap[claimed[p]];
        var labels = new VertebralBodyLabels(volume.SizeX, volume.SizeY, volume.SizeZ, claimed, levels, Source);
        return new CtBodyFinding(labels, labelled.Confidence, labelled.Warnings, ribs);

        static CtBodyFinding NotFound(string message) =>
            new(null, "low", [new SpineWarning(SpineWarningCodes.SpineNotFound, message)], new Dictionary<string, bool>());
    }

    private static double VoxelMl(CtVolume volume) => volume.SpacingMm[0] * volume.SpacingMm[1] * volume.SpacingMm[2] / 1000;

    /// <summary>The sample of a disc's mid plane: its centre when the disc is whole, just beyond the body when the field of view cuts it.</summary>
    private static int DiscPlaneSample(List<ProfileSegment> segments, int disc, int besideBody, int count)
    {
        var segment = segments[disc];
        var cut = segment.Start == 0 || segment.End == count - 1;
        if (!cut) return segment.Centre;
        var away = Math.Sign(besideBody - (segment.Start + segment.End) / 2.0) * -1;
        var step = (int)Math.Round(1 / SpineCenterLine.StepMm);
        return Math.Clamp(besideBody + (away == 0 ? 0 : away * step), segment.Start, segment.End);
    }

    private static BodySegmenter.Grown Grow(CtVolume volume, SpineCenterLine line, BodyProfile profile, int seed, int lower, int upper,
        double maximumLateral, byte[] claimed, SpineAnalysisOptions options)
    {
        var mid = Math.Clamp(seed, 0, line.Count - 1);
        var region = new BodyRegion(line.Points[lower], line.Tangents[lower], line.Points[upper], line.Tangents[upper],
            line.Points[mid], line.Anteriors[mid], line.Lateral(mid), profile.WallMm[mid], maximumLateral);
        return BodySegmenter.Grow(volume, line, mid, region, claimed, options);
    }
}
