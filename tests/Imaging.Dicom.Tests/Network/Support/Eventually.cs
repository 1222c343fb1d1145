namespace Imaging.Dicom.Tests.Network;

/// <summary>Waits for a condition with a deadline, instead of sleeping for a guessed time.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> describeFailure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Condition not met within {timeout.TotalSeconds} s: {describeFailure()}");
            await Task.Delay(20);
        }
    }
}
