namespace Imaging.Browser.Tests.Support;

/// <summary>One Chromium for every browser test, and the tests one at a time: a browser per test class in parallel would
/// only compete for the two cores.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
