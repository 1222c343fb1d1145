using System.Globalization;
using System.Text;
using Imaging.Analysis.Metadata;

namespace Imaging.Analysis.BoneScan;

/// <summary>Decides from the Radiopharmaceutical (0054,0016) and Energy Window (0054,0012) sequences whether the scan
/// is a Tc-99m one the lesion count is calibrated for.</summary>
public static class TracerClassifier
{
    // Compacted (letters and digits only, upper case) spellings seen in headers.
    private static readonly string[] Technetium = ["TC99M", "99MTC", "TECHNETIUM", "TC99"];
    private static readonly string[] Samarium = ["SM153", "153SM", "SAMARIUM", "EDTMP", "LEXIDRONAM"];
    private static readonly string[] OtherNuclides = ["I131", "131I", "I123", "123I", "IODINE", "IN111", "111IN", "INDIUM", "GA67", "67GA", "GA68", "68GA",
        "GALLIUM", "TL201", "201TL", "THALLIUM", "F18", "18F", "FLUORINE", "LU177", "177LU", "LUTETIUM", "RA223", "223RA", "RADIUM", "Y90", "YTTRIUM", "SR89", "STRONTIUM"];

    /// <summary>The status and a description of the tracer for the record.</summary>
    public static (TracerStatus Status, string? Description) Classify(NuclearMedicineMetadata? nuclear)
    {
        if (nuclear is null) return (TracerStatus.UnknownTracer, null);
        var text = new StringBuilder();
        foreach (var r in nuclear.Radiopharmaceuticals) text.Append(r.Radiopharmaceutical).Append(' ').Append(r.RadiopharmaceuticalCode).Append(' ').Append(r.Radionuclide).Append(' ');
        foreach (var w in nuclear.EnergyWindows) text.Append(w.Name).Append(' ');
        var compact = Compact(text.ToString());
        var peak = WindowPeak(nuclear.EnergyWindows);
        var parts = new List<string>();
        foreach (var r in nuclear.Radiopharmaceuticals)
            if ((r.Radiopharmaceutical ?? r.RadiopharmaceuticalCode ?? r.Radionuclide) is { } name) parts.Add(name);
        if (peak is { } p) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{p:0.#} keV window"));
        var description = parts.Count == 0 ? null : string.Join(", ", parts);

        if (ContainsAny(compact, Samarium) || (peak is { } sm && Math.Abs(sm - 103) <= 8 && !ContainsAny(compact, Technetium)))
            return (TracerStatus.NotCounted, description ?? "Sm-153");
        if (ContainsAny(compact, Technetium) || (peak is { } tc && Math.Abs(tc - 140) <= 10)) return (TracerStatus.Analysed, description ?? "Tc-99m");
        if (ContainsAny(compact, OtherNuclides) || peak is not null) return (TracerStatus.NotCounted, description);
        return (TracerStatus.UnknownTracer, description);
    }

    /// <summary>Centre of the first energy window with both limits, in keV.</summary>
    private static double? WindowPeak(IReadOnlyList<EnergyWindow> windows)
    {
        foreach (var window in windows)
            foreach (var range in window.Ranges)
                if (range.LowerKeV is { } low && range.UpperKeV is { } high && high > low) return (low + high) / 2;
        return null;
    }

    private static bool ContainsAny(string compact, string[] words)
    {
        foreach (var word in words) if (compact.Contains(word, StringComparison.Ordinal)) return true;
        return false;
    }

    private static string Compact(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToUpperInvariant()) if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
        return sb.ToString();
    }
}
