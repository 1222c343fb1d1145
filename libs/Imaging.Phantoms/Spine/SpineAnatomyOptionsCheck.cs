using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine;

/// <summary>The option checks the CT and MR spine phantoms share (vertebra counts, curvature, size, sex, field of view,
/// fractures), so both refuse the same impossible anatomy with the same message.</summary>
internal static class SpineAnatomyOptionsCheck
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="name"/> when the value is outside
    /// [min, max] or not a number.</summary>
    public static void Range(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
    }

    /// <summary>Checks the shared anatomy and returns a lookup of a level's index in this spine (throwing for a level it
    /// does not have), for the modality's own level lists.</summary>
    public static Func<string, string, int> Check(int thoracic, int lumbar, double cervicalLordosis, double thoracicKyphosis,
        double lumbarLordosis, double sizeScale, string sex, string firstLevel, string lastLevel, IReadOnlyList<SpineFracture> fractures,
        string parameter)
    {
        Range(thoracic, 12, 13, "ThoracicVertebrae");
        Range(lumbar, 5, 6, "LumbarVertebrae");
        Range(cervicalLordosis, -30, 60, "CervicalLordosisDegrees");
        Range(thoracicKyphosis, 0, 90, "ThoracicKyphosisDegrees");
        Range(lumbarLordosis, 0, 90, "LumbarLordosisDegrees");
        Range(sizeScale, 0.7, 1.3, "SizeScale");
        if (sex is not ("M" or "F" or "O")) throw new ArgumentException("PatientSex must be M, F or O.", parameter);

        var names = SpineModel.LevelNames(thoracic, lumbar).Where(n => n[0] != 'S' || n == "S1").ToList();
        int IndexOf(string level, string what)
        {
            var i = names.IndexOf(level);
            if (i < 0) throw new ArgumentException($"{what} '{level}' is not a level of this spine ({names[0]}–{names[^1]}).", parameter);
            return i;
        }

        if (IndexOf(firstLevel, "FirstLevel") > IndexOf(lastLevel, "LastLevel"))
            throw new ArgumentException($"FirstLevel {firstLevel} lies below LastLevel {lastLevel}.", parameter);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in fractures)
        {
            IndexOf(f.Level, "Fracture level");
            if (f.Level == "S1") throw new ArgumentException("S1 is fused to the sacrum; fractures are modelled on C3–L6.", parameter);
            if (!seen.Add(f.Level)) throw new ArgumentException($"Two fractures at {f.Level}.", parameter);
            Range(f.HeightLossPercent, 0, 80, "HeightLossPercent");
            if (f.Type == VertebralFractureType.None && f.HeightLossPercent != 0) throw new ArgumentException("A fracture of type None has no height loss.", parameter);
        }
        return IndexOf;
    }
}
