using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Network;

/// <summary>Checks an identifier against the hierarchical search rules (PS3.4 C.4.1.2.1 baseline, no relational queries).</summary>
public static class QueryHierarchy
{
    /// <summary>Reads the level and checks that it exists in the model and that the unique key of every level above it
    /// holds a single value (no wildcard, no list).</summary>
    /// <returns>Null when the identifier is acceptable; otherwise why not, for the Error Comment.</returns>
    public static string? Validate(QueryInformationModel model, DicomDataset identifier, out QueryRetrieveLevel level)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (!QueryRetrieveLevels.TryParse(identifier.GetString(DicomTags.QueryRetrieveLevel), out level))
            return "missing or unknown Query/Retrieve Level";
        var top = model.TopLevel();
        if (level < top) return $"level {level.ToCode()} is not part of the {model} model";
        for (var above = top; above < level; above++)
        {
            var values = identifier.GetStrings(above.UniqueKey());
            if (values.Length != 1 || values[0].Length == 0 || DicomWildcardMatcher.ContainsWildcard(values[0]))
                return $"the unique key {above.UniqueKey()} of level {above.ToCode()} must hold a single value";
        }
        return null;
    }
}
