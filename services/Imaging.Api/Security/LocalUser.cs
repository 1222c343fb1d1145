namespace Imaging.Api.Security;

/// <summary>The user every request is in local mode.</summary>
/// <param name="Role">The configured <c>Auth:LocalRole</c>.</param>
internal sealed record LocalUser(string Role)
{
    public const string Name = "local";
}
