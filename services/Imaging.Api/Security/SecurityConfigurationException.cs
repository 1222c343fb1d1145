namespace Imaging.Api.Security;

/// <summary>The <c>Auth</c> settings cannot be used (a bad key, a missing file, or an open bind without credentials); the
/// message is one line for the operator and never holds key material.</summary>
public sealed class SecurityConfigurationException(string message) : InvalidOperationException(message);
