namespace Imaging.Dicom.Network;

/// <summary>The presentation contexts a C-GET proposes: the retrieve SOP class, then each storage class (with the SCP
/// role) in the uncompressed syntaxes and in the further syntaxes the caller asked for, within the 128 contexts one
/// association carries (PS3.8 9.3.2.2).</summary>
/// <remarks>A further syntax gets a context of its own while there is room, so that an acceptor which does not
/// transcode can send each of them as stored. When there is not (many classes, many syntaxes: getscu's "accept all"),
/// the first ones, in the caller's order of preference, keep their own contexts and the rest share one per class, on
/// which the acceptor picks one it supports.</remarks>
internal static class GetPresentationContexts
{
    private const int MaximumPerAssociation = StorePresentationContexts.MaximumPerAssociation;

    /// <exception cref="ArgumentException">Not even one context per storage class (plus one for the further syntaxes) fits.</exception>
    public static List<PresentationContextRequest> Propose(string getSopClass, IReadOnlyList<string> storageSopClasses, string[] uncompressed,
        IReadOnlyList<string> furtherSyntaxes)
    {
        var groups = Group(storageSopClasses.Count, furtherSyntaxes);
        var contexts = new List<PresentationContextRequest> { new(1, getSopClass, uncompressed) };
        foreach (var uid in storageSopClasses)
        {
            contexts.Add(new PresentationContextRequest((byte)(contexts.Count * 2 + 1), uid, uncompressed));
            foreach (var group in groups) contexts.Add(new PresentationContextRequest((byte)(contexts.Count * 2 + 1), uid, group));
        }
        return contexts;
    }

    /// <summary>The further syntaxes cut into as many contexts per storage class as fit beside the uncompressed one.</summary>
    private static List<string[]> Group(int storageClasses, IReadOnlyList<string> furtherSyntaxes)
    {
        if (furtherSyntaxes.Count == 0 || storageClasses == 0) return [];
        var perClass = (MaximumPerAssociation - 1) / storageClasses - 1;
        if (perClass < 1)
            throw new ArgumentException($"{storageClasses} storage SOP classes leave no room for contexts of further transfer syntaxes: an association " +
                $"carries at most {MaximumPerAssociation} presentation contexts, and each class needs one uncompressed and one more.", nameof(storageClasses));
        if (furtherSyntaxes.Count <= perClass) return [.. furtherSyntaxes.Select(s => new[] { s })];
        var own = perClass - 1;
        return [.. furtherSyntaxes.Take(own).Select(s => new[] { s }), [.. furtherSyntaxes.Skip(own)]];
    }
}
