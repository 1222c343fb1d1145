namespace Imaging.Storage;

/// <summary>Filters for listing studies; null means no filter. Dates compare on Study Date (inclusive).</summary>
public sealed record StudyQuery(string? PatientId = null, string? Modality = null, DateOnly? From = null, DateOnly? To = null,
    int Limit = 100, int Offset = 0);
