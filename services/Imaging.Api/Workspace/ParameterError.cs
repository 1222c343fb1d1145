namespace Imaging.Api.Workspace;

/// <summary>Which request parameter is wrong and why, for a 400 problem naming it.</summary>
internal readonly record struct ParameterError(string Parameter, string Message);
