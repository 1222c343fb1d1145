using Microsoft.Extensions.Options;

namespace Imaging.Worker.Results;

/// <summary>Fails the host's start with every problem of <see cref="ResultsOptions"/> named.</summary>
internal sealed class ResultsOptionsValidator : IValidateOptions<ResultsOptions>
{
    public ValidateOptionsResult Validate(string? name, ResultsOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
