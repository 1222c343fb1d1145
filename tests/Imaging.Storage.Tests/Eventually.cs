namespace Imaging.Storage.Tests;

/// <summary>Waits for a condition with a deadline (polling), instead of sleeping for a guessed time.</summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var value = await probe();
            if (accept(value)) return value;
            if (deadline.IsCancellationRequested) Assert.Fail($"{what}: not within {timeout.TotalSeconds:0.#} s.");
            await Task.Delay(25, CancellationToken.None);
        }
    }
}
