namespace Imaging.Analysis.Spine;

/// <summary>Something the reader of the spine findings should know: a code from <see cref="SpineWarningCodes"/> or the
/// volume loader's codes, and a readable message.</summary>
public sealed record SpineWarning(string Code, string Message);
