using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Network;

/// <summary>Decides whether a stored record matches a C-FIND identifier (PS3.4 C.2.2.2 attribute matching).</summary>
/// <remarks>
/// Every key of the identifier must match (logical AND). Per key: an empty value is universal matching; UI keys with
/// several values are UID list matching; DA/TM/DT keys are single value or range matching; keys of the other text VRs are
/// wildcard matching when they hold '*' or '?', single value matching otherwise; a sequence key with one item matches when
/// some item of the stored sequence matches that item's keys. Comparisons are case-sensitive, PN included, as
/// C.2.2.2.1 prescribes. A key whose record attribute is absent or empty matches only universally. Several values in a
/// text key match when any of them matches any stored value (Modalities in Study "CT\MR", PS3.4 C.6.1.1.5.1).
/// Specific Character Set and Query/Retrieve Level are not keys. Keys of other binary VRs are matched byte for byte.
/// </remarks>
public static class DicomQueryMatcher
{
    public static bool Matches(DicomDataset identifier, DicomDataset record)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(record);
        foreach (var key in identifier)
        {
            if (IsControlAttribute(key.Tag)) continue;
            if (!MatchesKey(key, identifier, record)) return false;
        }
        return true;
    }

    /// <summary>Attributes of an identifier that steer the query instead of being matched.</summary>
    public static bool IsControlAttribute(DicomTag tag) =>
        tag == DicomTags.SpecificCharacterSet || tag == DicomTags.QueryRetrieveLevel || tag.Group == 0x0000;

    private static bool MatchesKey(DicomAttribute key, DicomDataset identifier, DicomDataset record)
    {
        if (key is DicomSequence querySequence)
        {
            if (querySequence.Items.Count == 0) return true;
            var item = querySequence.Items[0];
            if (!item.Any(a => !IsControlAttribute(a.Tag) && !IsUniversal(a))) return true;
            return record.GetSequence(key.Tag) is { } storedSequence && storedSequence.Items.Any(storedItem => Matches(item, storedItem));
        }
        if (key is not DicomElement element || element.IsEmpty) return true;
        // A key of only '*' is universal matching in disguise (C.2.2.2.4): it matches even an absent stored value.
        if (element.VR != DicomVR.UI && IsAllStars(element.GetString(identifier.CharacterSet))) return true;
        if (record.GetElement(key.Tag) is not { IsEmpty: false } value) return false;

        if (!DicomVRInfo.UsesCharacterSet(element.VR) && !IsAsciiText(element.VR))
            return element.Buffer.GetMemory().Span.SequenceEqual(value.Buffer.GetMemory().Span);

        var keys = element.GetStrings(identifier.CharacterSet);
        var stored = value.GetStrings(record.CharacterSet);
        if (element.VR == DicomVR.UI)
            return keys.Any(uid => stored.Contains(uid, StringComparer.Ordinal));
        if (element.VR == DicomVR.DA || element.VR == DicomVR.TM || element.VR == DicomVR.DT)
            return keys.Any(k => stored.Any(s => DicomRangeMatcher.IsMatch(element.VR, s, k)));
        foreach (var k in keys)
        {
            var pattern = k.Trim(' ');
            var wildcard = DicomWildcardMatcher.ContainsWildcard(pattern);
            foreach (var s in stored)
            {
                var candidate = s.Trim(' ');
                if (wildcard ? DicomWildcardMatcher.IsMatch(candidate, pattern) : string.Equals(candidate, pattern, StringComparison.Ordinal))
                    return true;
            }
        }
        return false;
    }

    private static bool IsAllStars(string text)
    {
        var trimmed = text.AsSpan().Trim(' ');
        return trimmed.Length > 0 && trimmed.IndexOfAnyExcept('*') < 0;
    }

    private static bool IsUniversal(DicomAttribute attribute) => attribute switch
    {
        DicomElement e => e.IsEmpty,
        DicomSequence s => s.Items.Count == 0,
        _ => true,
    };

    private static bool IsAsciiText(DicomVR vr) =>
        vr == DicomVR.AE || vr == DicomVR.AS || vr == DicomVR.CS || vr == DicomVR.DA || vr == DicomVR.DS || vr == DicomVR.DT
        || vr == DicomVR.IS || vr == DicomVR.TM || vr == DicomVR.UI || vr == DicomVR.UR;
}
