namespace Imaging.Analysis.Spine.Comparison;

/// <summary>Cranio-caudal order of level names (C1–C7, T1–T13, L1–L6, S1–S5): levels of two documents are merged by it.</summary>
public static class SpineLevelOrder
{
    /// <summary>A rank that grows caudally; names outside the scheme rank after every known one.</summary>
    public static int Rank(string level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (level.Length < 2 || level.Length > 3) return int.MaxValue;
        var region = char.ToUpperInvariant(level[0]) switch
        {
            'C' => 0,
            'T' => 1,
            'L' => 2,
            'S' => 3,
            _ => -1,
        };
        if (region < 0 || !int.TryParse(level.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || number < 1 || number > 13)
        {
            return int.MaxValue;
        }
        return region * 100 + number;
    }

    /// <summary>Orders by rank, then ordinally by name (unknown names keep a stable order).</summary>
    public static int Compare(string a, string b)
    {
        var byRank = Rank(a).CompareTo(Rank(b));
        return byRank != 0 ? byRank : string.CompareOrdinal(a, b);
    }
}
