namespace Imaging.Export.Manifest;

/// <summary>An instance held back (quarantined) or lost (failed), by pseudonyms and exported UIDs only, with why.</summary>
/// <param name="Reason">The quarantine reason, or the error (a fixed description without identifying data).</param>
internal sealed record ManifestItem(string Patient, string Study, string Series, string SopInstance, string SopClass, string Reason);
