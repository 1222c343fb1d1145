using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>The presentation contexts C-STORE requests for a list of files need, and how the list is cut into runs
/// whose contexts fit one association: context IDs are the odd numbers 1-255 (PS3.8 9.3.2.2), so at most 128.</summary>
/// <remarks>Each (SOP class, transfer syntax) pair gets a context holding only that syntax, so that an acceptor able to
/// take it keeps the instance as it is; each SOP class with uncompressed files other than Implicit VR Little Endian
/// gets one more with the little endian syntaxes, the fallback when the own syntax is refused.</remarks>
internal static class StorePresentationContexts
{
    public const int MaximumPerAssociation = 128;

    private static readonly string[] UncompressedFallbacks =
        [DicomTransferSyntax.ExplicitVRLittleEndian.Uid, DicomTransferSyntax.ImplicitVRLittleEndian.Uid];

    /// <summary>Cuts the files, kept in their order (results and progress are reported in it), into consecutive runs
    /// whose contexts fit one association each; unreadable files (null) need none and stay where they are.</summary>
    /// <returns>The runs as index ranges covering every file once; a single run when everything fits.</returns>
    public static IReadOnlyList<Range> Split(IReadOnlyList<StoreCandidate?> candidates)
    {
        var runs = new List<Range>();
        var needed = new HashSet<(string SopClass, string? Syntax)>();
        var start = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i] is not { } candidate) continue;
            var added = Needs(candidate).Count(n => !needed.Contains(n));
            // One file needs at most two contexts, so a fresh association always takes it.
            if (needed.Count + added > MaximumPerAssociation)
            {
                runs.Add(start..i);
                start = i;
                needed.Clear();
            }
            needed.UnionWith(Needs(candidate));
        }
        runs.Add(start..candidates.Count);
        return runs;
    }

    /// <summary>The contexts for these files, with IDs 1, 3, 5, ...</summary>
    /// <exception cref="ArgumentException">They need more than one association carries (see <see cref="Split"/>).</exception>
    public static List<PresentationContextRequest> Propose(IEnumerable<StoreCandidate> candidates)
    {
        var proposals = new List<(string SopClass, string[] Syntaxes)>();
        var seen = new HashSet<(string, string?)>();
        foreach (var candidate in candidates)
        {
            foreach (var need in Needs(candidate))
            {
                if (seen.Add(need)) proposals.Add((need.SopClass, need.Syntax is { } syntax ? [syntax] : UncompressedFallbacks));
            }
        }
        if (proposals.Count > MaximumPerAssociation)
            throw new ArgumentException($"The files need {proposals.Count} presentation contexts, more than the {MaximumPerAssociation} an association carries.",
                nameof(candidates));
        return [.. proposals.Select((p, i) => new PresentationContextRequest((byte)(i * 2 + 1), p.SopClass, p.Syntaxes))];
    }

    /// <summary>The contexts one file needs: its own syntax, and (null syntax) the uncompressed fallback.</summary>
    private static IEnumerable<(string SopClass, string? Syntax)> Needs(StoreCandidate candidate)
    {
        yield return (candidate.SopClassUid, candidate.TransferSyntax.Uid);
        if (candidate.CanBeTranscoded && candidate.TransferSyntax.Uid != DicomTransferSyntax.ImplicitVRLittleEndian.Uid)
            yield return (candidate.SopClassUid, null);
    }
}
