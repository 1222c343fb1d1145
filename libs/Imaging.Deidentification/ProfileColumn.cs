namespace Imaging.Deidentification;

/// <summary>The option columns of PS3.15 Table E.1-1, in the order the table lists them.</summary>
internal enum ProfileColumn
{
    RetainSafePrivate,
    RetainUids,
    RetainDeviceIdentity,
    RetainInstitutionIdentity,
    RetainPatientCharacteristics,
    RetainLongitudinalFullDates,
    RetainLongitudinalModifiedDates,
    CleanDescriptors,
    CleanStructuredContent,
    CleanGraphics,
}
