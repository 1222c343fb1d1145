using System.Globalization;
using System.Text.Json;

namespace Imaging.Export.Manifest;

/// <summary>Writes manifest.json (indented UTF-8, fixed member order) so the same export gives the same text.</summary>
internal static class ExportManifestWriter
{
    public const string FileName = "manifest.json";

    public static byte[] Write(ExportManifest manifest)
    {
        using var output = new MemoryStream();
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("exportId", manifest.ExportId);
            json.WriteString("created", manifest.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("toolVersion", manifest.ToolVersion);
            json.WriteString("requestedBy", manifest.RequestedBy);
            json.WriteStartArray("profile");
            foreach (var name in manifest.Profile) json.WriteStringValue(name);
            json.WriteEndArray();

            var selection = manifest.Selection;
            json.WriteStartObject("selection");
            json.WriteStartArray("patients");
            foreach (var patient in selection.Patients) json.WriteStringValue(patient);
            json.WriteEndArray();
            json.WriteStartArray("modalities");
            foreach (var modality in selection.Modalities) json.WriteStringValue(modality);
            json.WriteEndArray();
            WriteDate(json, "studyDateFrom", selection.StudyDateFrom);
            WriteDate(json, "studyDateTo", selection.StudyDateTo);
            if (selection.MinimumLesionCount is { } minimum) json.WriteNumber("minimumLesionCount", minimum);
            else json.WriteNull("minimumLesionCount");
            json.WriteString("flaggedLevel", selection.FlaggedLevel);
            json.WriteBoolean("anyFlaggedLevel", selection.AnyFlaggedLevel);
            json.WriteEndObject();

            var counts = manifest.Counts;
            json.WriteStartObject("counts");
            json.WriteNumber("patients", counts.Patients);
            json.WriteNumber("studies", counts.Studies);
            json.WriteNumber("series", counts.Series);
            json.WriteNumber("exported", counts.Exported);
            json.WriteNumber("quarantined", counts.Quarantined);
            json.WriteNumber("failed", counts.Failed);
            json.WriteNumber("dicomBytes", counts.DicomBytes);
            json.WriteEndObject();

            json.WriteStartArray("files");
            foreach (var file in manifest.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteNumber("size", file.Size);
                json.WriteString("sha256", file.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteItems(json, "quarantined", "reason", manifest.Quarantined);
            WriteItems(json, "failed", "error", manifest.Failed);
            json.WriteEndObject();
        }
        return output.ToArray();
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateOnly? date)
    {
        if (date is { } d) json.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        else json.WriteNull(name);
    }

    private static void WriteItems(Utf8JsonWriter json, string name, string reasonName, IReadOnlyList<ManifestItem> items)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            json.WriteString("patient", item.Patient);
            json.WriteString("study", item.Study);
            json.WriteString("series", item.Series);
            json.WriteString("sopInstance", item.SopInstance);
            json.WriteString("sopClass", item.SopClass);
            json.WriteString(reasonName, item.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
