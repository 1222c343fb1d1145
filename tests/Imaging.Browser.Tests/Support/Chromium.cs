using Microsoft.Playwright;

namespace Imaging.Browser.Tests.Support;

/// <summary>Debian's headless Chromium driven by Playwright's bundled node driver: nothing is downloaded (the machine has
/// no route to a browser build). One browser per test class; each test gets its own context (cookies, sessionStorage).</summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>IMAGING_CHROMIUM overrides where the browser is (tests/run.sh installs Debian's `chromium`).</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("IMAGING_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The screen the UI is checked at: no layout may break at 1280 × 800.</summary>
    public static readonly ViewportSize Viewport = new() { Width = 1280, Height = 800 };

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new FileNotFoundException($"Chromium is not installed at {ExecutablePath}: run `source deploy/local/peers.sh && peers_require_chromium` (tests/run.sh does).");
        // Expectations poll until this; a loaded two-core machine renders a page in well under it.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = 60_000,
            // Tests run as root in CI containers, where Chromium's sandbox cannot start; /dev/shm may be tiny there too.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    /// <summary>A fresh page at 1280 × 800 with the suite's waits; browser console errors are collected into
    /// <paramref name="console"/> for failure messages.</summary>
    public async Task<IPage> NewPageAsync(List<string> console)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewport });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") lock (console) console.Add($"{message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => { lock (console) console.Add($"page error: {error}"); };
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
