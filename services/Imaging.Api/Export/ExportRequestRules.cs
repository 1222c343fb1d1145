using System.Globalization;
using Imaging.Deidentification;
using Imaging.Export;

namespace Imaging.Api.Export;

/// <summary>The checks every export request passes, from the API or the command line: sizes capped, values well formed,
/// and no export of the whole archive unless asked for with "all".</summary>
public static class ExportRequestRules
{
    /// <summary>The profile when none is given: Basic, with dates shifted per patient so intervals survive.</summary>
    public const string DefaultProfile = "basic,retain-longitudinal-modified-dates";

    /// <summary>Most patient IDs one API request may name.</summary>
    public const int MaximumPatientIds = 10_000;

    /// <summary>Longest patient ID (LO, PS3.5 6.2).</summary>
    public const int MaximumPatientIdLength = 64;

    /// <summary>Most modalities one request may name.</summary>
    public const int MaximumModalities = 32;

    /// <summary>Longest profile text.</summary>
    public const int MaximumProfileLength = 1024;

    /// <summary>Largest lesion count accepted as a criterion.</summary>
    public const int MaximumLesionCount = 100_000;

    /// <summary>Checks and normalises <paramref name="request"/> (IDs trimmed and de-duplicated, modalities and level upper-case,
    /// profile defaulted) into the runner's selection and options; on failure names the field and what is wrong.</summary>
    public static bool TryBuild(ExportJobRequest request, string defaultProfile, int maximumPatientIds, out ExportJobRequest normalized,
        out ExportSelection selection, out DeidentificationOptions options, out (string Field, string Message) error)
    {
        ArgumentNullException.ThrowIfNull(request);
        normalized = request;
        selection = null!;
        options = null!;
        error = default;

        var patients = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (request.PatientIds is { } ids)
        {
            if (ids.Count > maximumPatientIds) return Fail("patientIds", $"at most {maximumPatientIds} patient IDs per export (got {ids.Count}).", out error);
            for (var i = 0; i < ids.Count; i++)
            {
                if (CheckPatientId(ids[i]) is { } problem) return Fail("patientIds", $"item {i}: {problem}", out error);
                var id = ids[i]!.Trim();
                if (seen.Add(id)) patients.Add(id);
            }
        }

        var modalities = new List<string>();
        if (request.Modalities is { } requested)
        {
            if (requested.Count > MaximumModalities) return Fail("modalities", $"at most {MaximumModalities} modalities.", out error);
            foreach (var raw in requested)
            {
                if (CheckModality(raw) is { } problem) return Fail("modalities", problem, out error);
                var modality = raw!.Trim().ToUpperInvariant();
                if (!modalities.Contains(modality, StringComparer.Ordinal)) modalities.Add(modality);
            }
        }

        DateOnly? from = null, to = null;
        if (!string.IsNullOrEmpty(request.From))
        {
            if (ParseDate(request.From) is not { } parsed) return Fail("from", "must be a date yyyy-MM-dd.", out error);
            from = parsed;
        }
        if (!string.IsNullOrEmpty(request.To))
        {
            if (ParseDate(request.To) is not { } parsed) return Fail("to", "must be a date yyyy-MM-dd.", out error);
            to = parsed;
        }
        if (from > to) return Fail("to", "must not be before from.", out error);

        if (request.MinLesionCount is { } lesions && (lesions < 0 || lesions > MaximumLesionCount))
            return Fail("minLesionCount", $"must be 0 to {MaximumLesionCount}.", out error);

        string? level = null;
        if (!string.IsNullOrEmpty(request.FlaggedLevel))
        {
            if (CheckLevel(request.FlaggedLevel) is { } problem) return Fail("flaggedLevel", problem, out error);
            level = request.FlaggedLevel.Trim().ToUpperInvariant();
        }

        var profile = string.IsNullOrWhiteSpace(request.Profile) ? defaultProfile : request.Profile.Trim();
        if (profile.Length > MaximumProfileLength) return Fail("profile", $"at most {MaximumProfileLength} characters.", out error);
        try
        {
            options = DeidentificationOptions.Parse(profile);
        }
        catch (FormatException ex)
        {
            return Fail("profile", ex.Message, out error);
        }

        selection = new ExportSelection(patients, modalities, from, to, request.MinLesionCount, level, request.AnyFlagged);
        if (selection.IsEverything && !request.All)
            return Fail("selection", "no patient IDs and no criteria: this would export the whole archive; set \"all\": true (--all) to mean it.", out error);
        normalized = new ExportJobRequest(patients, modalities, from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), request.MinLesionCount, level, request.AnyFlagged, request.All,
            string.Join(",", options.Names));
        return true;
    }

    /// <summary>What is wrong with one patient ID, or null.</summary>
    public static string? CheckPatientId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return "empty patient ID.";
        var trimmed = id.Trim();
        if (trimmed.Length > MaximumPatientIdLength) return $"patient ID longer than {MaximumPatientIdLength} characters.";
        // LO: no backslash, no control characters (PS3.5 6.2).
        if (trimmed.Any(c => c == '\\' || char.IsControl(c))) return "patient ID holds a backslash or a control character.";
        return null;
    }

    /// <summary>What is wrong with one modality (a CS value of 1 to 16 letters, digits or underscores), or null.</summary>
    public static string? CheckModality(string? modality)
    {
        var value = modality?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > 16 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            return $"'{Shorten(modality)}' is not a modality (1 to 16 letters or digits, e.g. NM, CT, MR).";
        return null;
    }

    /// <summary>What is wrong with a vertebral level (letters and digits, at most 8, e.g. T7 or L1), or null.</summary>
    public static string? CheckLevel(string level)
    {
        var value = level.Trim();
        if (value.Length is 0 or > 8 || !value.All(char.IsAsciiLetterOrDigit)) return $"'{Shorten(level)}' is not a vertebral level (e.g. T7, L1).";
        return null;
    }

    /// <summary>A strict yyyy-MM-dd date, or null.</summary>
    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string Shorten(string? value) => value is null ? "" : value.Length > 20 ? value[..20] + "…" : value;

    private static bool Fail(string field, string message, out (string Field, string Message) error)
    {
        error = (field, message);
        return false;
    }
}
