using System.Runtime.CompilerServices;

namespace Imaging.Dicom.IO;

/// <summary>Builds a warning message only while the parser still keeps warnings, so hostile input that triggers
/// millions of them costs no string formatting.</summary>
[InterpolatedStringHandler]
internal ref struct WarningMessage
{
    private DefaultInterpolatedStringHandler _inner;
    private readonly bool _enabled;

    public WarningMessage(int literalLength, int formattedCount, DicomParser parser, out bool enabled)
    {
        _enabled = enabled = parser.CanWarn;
        _inner = enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _inner.AppendLiteral(value);
    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);
    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

    public string? ToStringAndClear() => _enabled ? _inner.ToStringAndClear() : null;
}
