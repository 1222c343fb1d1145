using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Network;

/// <summary>Builds a C-FIND response identifier from a matched record (PS3.4 C.2.2.3 return keys).</summary>
/// <remarks>Each key of the request comes back with the record's value, or empty when the record has none; sequence keys
/// return the record's items reduced to the keys of the request's item. Query/Retrieve Level is echoed, and Specific
/// Character Set is the record's so that the returned text decodes as it was stored.</remarks>
public static class DicomQueryResponseBuilder
{
    public static DicomDataset Build(DicomDataset identifier, DicomDataset record, string queryRetrieveLevel)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(record);
        var response = FillKeys(identifier, record);
        response.Set(record.GetElement(DicomTags.SpecificCharacterSet) ?? DicomElement.FromStrings(DicomTags.SpecificCharacterSet, DicomVR.CS, []));
        response.SetString(DicomTags.QueryRetrieveLevel, DicomVR.CS, queryRetrieveLevel);
        return response;
    }

    private static DicomDataset FillKeys(DicomDataset keys, DicomDataset record)
    {
        var response = new DicomDataset();
        if (record.GetElement(DicomTags.SpecificCharacterSet) is { } characterSet) response.Set(characterSet);
        foreach (var key in keys)
        {
            if (DicomQueryMatcher.IsControlAttribute(key.Tag)) continue;
            switch (key)
            {
                case DicomSequence sequence:
                    var template = sequence.Items.Count > 0 ? sequence.Items[0] : null;
                    var items = record.GetSequence(key.Tag)?.Items ?? [];
                    response.Set(new DicomSequence(key.Tag, template is null ? [] : items.Select(i => FillKeys(template, i))));
                    break;
                default:
                    var value = record.GetElement(key.Tag);
                    response.Set(value ?? DicomElement.FromStrings(key.Tag, key.VR, []));
                    break;
            }
        }
        return response;
    }
}
