namespace Imaging.Api.Security;

/// <summary>How the service authenticates, as decided at start.</summary>
/// <param name="LocalMode">Every request is the local user (loopback bind, nothing configured).</param>
/// <param name="ApiKeyCount">Configured API keys.</param>
/// <param name="JwtIssuer">The accepted JWT issuer; null when JWT is off.</param>
internal sealed record SecurityMode(bool LocalMode, int ApiKeyCount, string? JwtIssuer);
