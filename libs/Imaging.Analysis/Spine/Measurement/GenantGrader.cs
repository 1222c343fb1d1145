namespace Imaging.Analysis.Spine.Measurement;

/// <summary>Reference heights from unfractured neighbours, height loss, Genant grade and fracture type per level.</summary>
public static class GenantGrader
{
    /// <summary>Genant semi-quantitative grade from a height loss in percent.</summary>
    public static int Grade(double lossPercent) => lossPercent switch
    {
        < 20 => 0,
        < 25 => 1,
        <= 40 => 2,
        _ => 3,
    };

    /// <summary>Grades <paramref name="measured"/> (cranial first, as the measurer returns them).</summary>
    public static IReadOnlyList<VertebraFindings> GradeAll(IReadOnlyList<VertebraMeasurement> measured, SpineAnalysisOptions? options,
        List<SpineWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(warnings);
        options ??= SpineAnalysisOptions.Default;
        var n = measured.Count;
        // Pass 1 against every neighbour (the median shrugs off one fractured neighbour), pass 2 against those pass 1 found intact.
        var first = References(measured, _ => true, 2);
        var intact = new bool[n];
        for (var i = 0; i < n; i++) intact[i] = first[i] is not { } r || 1 - measured[i].MinimumHeightMm / r < 0.15;
        var second = References(measured, j => intact[j], 2);
        var findings = new List<VertebraFindings>(n);
        for (var i = 0; i < n; i++)
        {
            var m = measured[i];
            var reference = second[i] ?? References(measured, j => intact[j], 4)[i];
            if (reference is null)
            {
                reference = Math.Max(m.PosteriorHeightMm, Math.Max(m.AnteriorHeightMm, m.MiddleHeightMm));
                warnings.Add(new SpineWarning(SpineWarningCodes.NoReferenceNeighbours,
                    $"{m.Level}: no intact neighbour within four levels; its own largest height is the reference."));
            }
            var loss = reference.Value > 0 ? Math.Max(0, 100 * (1 - m.MinimumHeightMm / reference.Value)) : 0;
            var grade = Grade(loss);
            findings.Add(new VertebraFindings
            {
                Level = m.Level,
                AnteriorHeightMm = Math.Round(m.AnteriorHeightMm, 2),
                MiddleHeightMm = Math.Round(m.MiddleHeightMm, 2),
                PosteriorHeightMm = Math.Round(m.PosteriorHeightMm, 2),
                ReferenceHeightMm = Math.Round(reference.Value, 2),
                HeightLossPercent = Math.Round(loss, 1),
                GenantGrade = grade,
                FractureType = grade == 0 ? "none" : Type(m, options),
                Cement = m.Cement,
                VolumeMl = Math.Round(m.VolumeMl, 2),
                CentroidMm = [.. m.CentroidMm.Select(c => Math.Round(c, 2))],
            });
        }
        return findings;
    }

    private static string Type(VertebraMeasurement m, SpineAnalysisOptions options)
    {
        var max = Math.Max(m.AnteriorHeightMm, Math.Max(m.MiddleHeightMm, m.PosteriorHeightMm));
        if (max <= 0 || (max - m.MinimumHeightMm) / max <= options.CrushUniformity) return "crush";
        return m.MiddleHeightMm <= m.AnteriorHeightMm && m.MiddleHeightMm <= m.PosteriorHeightMm ? "biconcave" : "wedge";
    }

    private static double?[] References(IReadOnlyList<VertebraMeasurement> measured, Func<int, bool> usable, int reach)
    {
        var n = measured.Count;
        var result = new double?[n];
        for (var i = 0; i < n; i++)
        {
            var estimates = new List<double>();
            var expected = ExpectedVertebralHeight.Mm(measured[i].Level);
            for (var j = Math.Max(0, i - reach); j <= Math.Min(n - 1, i + reach); j++)
            {
                if (j == i || !usable(j) || measured[j].PosteriorHeightMm <= 0) continue;
                estimates.Add(measured[j].PosteriorHeightMm * expected / ExpectedVertebralHeight.Mm(measured[j].Level));
            }
            if (estimates.Count == 0) continue;
            estimates.Sort();
            result[i] = estimates.Count % 2 == 1 ? estimates[estimates.Count / 2] : (estimates[estimates.Count / 2 - 1] + estimates[estimates.Count / 2]) / 2;
        }
        return result;
    }
}
