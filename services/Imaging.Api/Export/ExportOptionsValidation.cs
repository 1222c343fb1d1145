using Microsoft.Extensions.Options;

namespace Imaging.Api.Export;

/// <summary>Refuses <see cref="ExportOptions"/> with impossible values at start, naming each.</summary>
internal sealed class ExportOptionsValidation : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
