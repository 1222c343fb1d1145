using Microsoft.Extensions.Options;

namespace Imaging.Worker;

/// <summary>Fails the host's start with every problem of <see cref="WorkerOptions"/> named, not just "invalid".</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
