namespace Imaging.Storage;

/// <summary>Which audit entries to read, newest first: every filter that is set must match.</summary>
/// <param name="PatientId">Only accesses naming this patient.</param>
/// <param name="UserName">Only accesses by this user.</param>
/// <param name="From">Only accesses at or after this instant.</param>
/// <param name="To">Only accesses before this instant.</param>
/// <param name="Limit">At most this many entries (1 to <see cref="MaximumLimit"/>).</param>
/// <param name="Offset">Entries to skip, for paging.</param>
public sealed record AuditQuery(string? PatientId = null, string? UserName = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    int Limit = 100, int Offset = 0)
{
    /// <summary>Most entries one query returns.</summary>
    public const int MaximumLimit = 1000;

    /// <summary>Throws when the paging values are out of range (the API checks them first and answers 400).</summary>
    public void Validate()
    {
        if (Limit is < 1 or > MaximumLimit) throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"Limit must be 1 to {MaximumLimit}.");
        if (Offset < 0) throw new ArgumentOutOfRangeException(nameof(Offset), Offset, "Offset must not be negative.");
    }
}
