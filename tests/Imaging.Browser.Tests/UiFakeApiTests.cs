using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Imaging.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Imaging.Browser.Tests;

/// <summary>The real UI in headless Chromium against a fake API answering exactly per the contract: what the screens show
/// must equal the canned JSON, images must come through the authenticated fetch with each scan's own window, and the
/// page must run under its Content-Security-Policy without a console error.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class UiFakeApiTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Search_timeline_and_comparison_show_the_canned_contract_values()
    {
        await using var api = await FakeApiHost.StartAsync();
        var console = new List<string>();
        var page = await chromium.NewPageAsync(console);

        await page.GotoAsync(api.BaseAddress.ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/ui/(#.*)?$"));

        // Search.
        await page.GetByTestId("search-input").FillAsync("doe jo");
        await page.GetByTestId("search-input").PressAsync("Enter");
        var rows = page.GetByTestId("patient-row");
        var patients = CannedApi.Patients()["items"]!.AsArray();
        await Expect(rows).ToHaveCountAsync(patients.Count);
        await Expect(page.GetByTestId("result-total")).ToHaveTextAsync(CannedApi.Patients()["total"]!.ToString());
        await Expect(rows.Nth(0).GetByTestId("patient-id")).ToHaveTextAsync(CannedApi.PatientId);
        await Expect(rows.Nth(0).GetByTestId("patient-name")).ToHaveTextAsync("DOE, JOHN");
        await Expect(rows.Nth(0).GetByTestId("patient-study-count")).ToHaveTextAsync("2");
        Assert.Contains(api.Requests, r => r.Path == "/api/patients" && r.Query.Contains("q=doe+jo", StringComparison.Ordinal));

        // Timeline: oldest first, with the follow-up's comparison summary.
        await rows.Nth(0).GetByTestId("patient-link").ClickAsync();
        var studies = page.GetByTestId("timeline-study");
        await Expect(studies).ToHaveCountAsync(2);
        await Expect(studies.GetByTestId("study-date")).ToHaveTextAsync(["2025-01-10", "2025-06-10"]);
        await Expect(studies.Nth(1).GetByTestId("summary-changes")).ToHaveTextAsync("3 new, 5 persistent, 2 resolved");
        await Expect(studies.Nth(0).GetByTestId("summary-lesion-count")).ToHaveTextAsync("7 lesions");
        await Expect(studies.Nth(1).GetByTestId("summary-flagged-levels")).ToHaveTextAsync("flagged T11, T12");
        // The ID travels as one encoded path segment.
        Assert.Contains(api.Requests, r => r.RawTarget.StartsWith("/api/patients/PAT%201%2FA/timeline", StringComparison.Ordinal));

        // Comparison.
        await page.GetByTestId("open-comparison").ClickAsync();
        await AssertComparisonShowsCannedValuesAsync(page);
        await WaitForImagesAsync(page);
        await Expect(page.GetByTestId("bone-baseline-overlay")).ToHaveAttributeAsync("data-marker-count", "2");
        await Expect(page.GetByTestId("bone-followup-overlay")).ToHaveAttributeAsync("data-marker-count", "8");

        // Each scan rendered from 0 to 4 × its own normal bone: center 2 × normalBone, width 4 × normalBone.
        AssertRenderedWith(api, CannedApi.BaselineNmInstance, 1, CannedApi.BaselineNormalBone);
        AssertRenderedWith(api, CannedApi.FollowupNmInstance, 1, CannedApi.FollowupNormalBone);
        Assert.Contains(api.Requests, r => r.Path.EndsWith($"/instances/{CannedApi.KeyImageInstance}/rendered", StringComparison.Ordinal));

        // No horizontal scrolling at 1280 × 800.
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= Chromium.Viewport.Width, $"the page is {scrollWidth} px wide at {Chromium.Viewport.Width} px");

        var screenshot = Artifacts.File("fake-api-comparison.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");

        // Posterior view: frame 2, markers mirrored, same counts.
        await page.GetByTestId("view-posterior").CheckAsync();
        await Expect(page.GetByTestId("bone-followup-overlay")).ToHaveAttributeAsync("data-view", "posterior");
        await WaitForImagesAsync(page);
        AssertRenderedWith(api, CannedApi.FollowupNmInstance, 2, CannedApi.FollowupNormalBone);
        await Expect(page.GetByTestId("bone-followup-overlay")).ToHaveAttributeAsync("data-marker-count", "8");

        lock (console) Assert.True(console.Count == 0, "browser console:\n" + string.Join('\n', console));
    }

    [Fact]
    public async Task A_401_shows_the_sign_in_prompt_and_the_token_then_goes_with_every_request()
    {
        const string Token = "s3cret-key";
        await using var api = await FakeApiHost.StartAsync(Token);
        var page = await chromium.NewPageAsync([]);

        await page.GotoAsync(new Uri(api.BaseAddress, "/ui/#/patients/PAT%201%2FA/compare").ToString());
        await Expect(page.GetByTestId("signin-prompt")).ToBeVisibleAsync();
        var before = api.Requests.Count;

        await page.GetByTestId("token-input").FillAsync(Token);
        await page.GetByTestId("signin-button").ClickAsync();
        await AssertComparisonShowsCannedValuesAsync(page);
        await WaitForImagesAsync(page);

        var after = api.Requests.Skip(before).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, r => Assert.Equal($"Bearer {Token}", r.Authorization));
        Assert.Contains(after, r => r.Path.EndsWith("/frames/1/rendered", StringComparison.Ordinal));
        // The token lives in sessionStorage, not in a cookie or the URL.
        Assert.DoesNotContain(Token, page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problem_details_from_the_api_are_shown_as_a_message()
    {
        await using var api = await FakeApiHost.StartAsync();
        var page = await chromium.NewPageAsync([]);

        await page.GotoAsync(new Uri(api.BaseAddress, "/ui/#/patients/UNKNOWN").ToString());

        await Expect(page.GetByTestId("error-message")).ToContainTextAsync("Patient not found");
        await Expect(page.GetByTestId("error-message")).ToContainTextAsync("No such patient.");
    }

    [Fact]
    public async Task Ui_files_carry_a_strict_csp_nosniff_and_their_content_types()
    {
        await using var api = await FakeApiHost.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.BaseAddress };

        foreach (var redirected in new[] { "/", "/ui" })
        {
            using var root = await http.GetAsync(new Uri(redirected, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
            Assert.Equal("/ui/", root.Headers.Location?.OriginalString);
        }
        foreach (var (path, type) in new[] { ("/ui/", "text/html"), ("/ui/app.css", "text/css"), ("/ui/js/app.js", "text/javascript"), ("/ui/js/comparison.js", "text/javascript") })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());

            // Revalidation with the ETag costs no body.
            using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var notModified = await http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        var html = await http.GetStringAsync(new Uri("/ui/", UriKind.Relative));
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        foreach (var missing in new[] { "/ui/nothing.js", "/ui/%2e%2e/Imaging.Api.dll", "/ui/" + new string('a', 300) + ".js" })
        {
            using var response = await http.GetAsync(new Uri(missing, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    /// <summary>Counts, region table, totals, progression note, pickers and spine levels equal <see cref="CannedApi.Comparison"/>.</summary>
    internal static async Task AssertComparisonShowsCannedValuesAsync(IPage page)
    {
        var comparison = CannedApi.Comparison();
        var bone = comparison["boneScan"]!;
        await Expect(page.GetByTestId("count-new")).ToHaveTextAsync(bone["newCount"]!.ToString());
        await Expect(page.GetByTestId("count-persistent")).ToHaveTextAsync(bone["persistentCount"]!.ToString());
        await Expect(page.GetByTestId("count-resolved")).ToHaveTextAsync(bone["resolvedCount"]!.ToString());
        await Expect(page.GetByTestId("baseline-lesion-count")).ToHaveTextAsync(bone["baseline"]!["lesionCount"]!.ToString());
        await Expect(page.GetByTestId("followup-lesion-count")).ToHaveTextAsync(bone["followup"]!["lesionCount"]!.ToString());
        await Expect(page.GetByTestId("progression-note")).ToHaveTextAsync(bone["progression"]!.GetValue<string>());
        // The analysis lists the progression note among its notes too (as the real findings do): shown once, not twice.
        await Expect(page.GetByTestId("comparison-notes").Locator("li")).ToHaveTextAsync(["The follow-up is 151 days after the baseline: no flare window."]);
        await Expect(page.GetByTestId("interval-days")).ToHaveTextAsync($"{comparison["intervalDays"]} days");
        await Expect(page.GetByTestId("baseline-picker")).ToHaveValueAsync(CannedApi.BaselineStudy);
        await Expect(page.GetByTestId("followup-picker")).ToHaveValueAsync(CannedApi.FollowupStudy);

        var regions = bone["regions"]!.AsArray();
        var rows = page.GetByTestId("region-row");
        await Expect(rows).ToHaveCountAsync(regions.Count);
        for (var i = 0; i < regions.Count; i++)
        {
            var region = regions[i]!;
            await Expect(rows.Nth(i).GetByTestId("region-name")).ToHaveTextAsync(region["region"]!.GetValue<string>());
            await Expect(rows.Nth(i).GetByTestId("region-baseline")).ToHaveTextAsync(region["baseline"]!.ToString());
            await Expect(rows.Nth(i).GetByTestId("region-followup")).ToHaveTextAsync(region["followup"]!.ToString());
            await Expect(rows.Nth(i).GetByTestId("region-change")).ToHaveTextAsync(Signed(region["change"]!.GetValue<int>()));
        }
        var totals = bone["totals"]!;
        await Expect(page.GetByTestId("total-baseline")).ToHaveTextAsync(totals["baseline"]!.ToString());
        await Expect(page.GetByTestId("total-followup")).ToHaveTextAsync(totals["followup"]!.ToString());
        await Expect(page.GetByTestId("total-change")).ToHaveTextAsync(Signed(totals["change"]!.GetValue<int>()));
        await Expect(page.GetByTestId("lesion-row")).ToHaveCountAsync(bone["lesions"]!.AsArray().Count);

        var spine = comparison["spine"]!;
        var levels = spine["levels"]!.AsArray();
        var levelRows = page.GetByTestId("spine-level-row");
        await Expect(levelRows).ToHaveCountAsync(levels.Count);
        await Expect(levelRows.GetByTestId("spine-level")).ToHaveTextAsync([.. levels.Select(l => new Regex("^" + l!["level"]!.GetValue<string>()))]);
        var flagged = spine["followupFlagged"]!.AsArray().Concat(spine["baselineFlagged"]!.AsArray()).Select(n => n!.GetValue<string>()).ToHashSet();
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i]!["level"]!.GetValue<string>();
            var expected = flagged.Contains(level) || levels[i]!["status"]!.GetValue<string>() != "stable";
            await Expect(levelRows.Nth(i)).ToHaveAttributeAsync("data-flagged", expected ? "true" : "false");
        }
        await Expect(page.Locator("[data-level='T12'] [data-testid='spine-changes']")).ToHaveTextAsync("new fracture");
        await Expect(page.Locator("[data-level='T11'] [data-testid='spine-changes']")).ToHaveTextAsync("cement added");
        await Expect(page.Locator("[data-level='T12'] [data-testid='spine-followup-grade']")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("key-image")).ToHaveCountAsync(spine["keyImages"]!.AsArray().Count);
    }

    /// <summary>Waits until both scans and every key image are shown (loaded through object URLs).</summary>
    internal static async Task WaitForImagesAsync(IPage page)
    {
        await Expect(page.GetByTestId("bone-baseline-image")).ToHaveAttributeAsync("data-loaded", "true");
        await Expect(page.GetByTestId("bone-followup-image")).ToHaveAttributeAsync("data-loaded", "true");
        foreach (var image in await page.GetByTestId("key-image").AllAsync()) await Expect(image).ToHaveAttributeAsync("data-loaded", "true");
        foreach (var image in await page.GetByTestId("bone-followup-image").AllAsync())
            Assert.StartsWith("blob:", await image.GetAttributeAsync("src") ?? "", StringComparison.Ordinal);
    }

    private static void AssertRenderedWith(FakeApiHost api, string sopInstanceUid, int frame, double normalBone)
    {
        var window = FormattableString.Invariant($"window={2 * normalBone},{4 * normalBone},linear");
        Assert.Contains(api.Requests, r => r.Path.EndsWith($"/instances/{sopInstanceUid}/frames/{frame.ToString(CultureInfo.InvariantCulture)}/rendered", StringComparison.Ordinal)
            && Uri.UnescapeDataString(r.Query) == window && r.Accept?.Contains("image/png", StringComparison.Ordinal) == true);
    }

    private static string Signed(int value) => value switch
    {
        > 0 => $"+{value}",
        < 0 => $"−{-value}",
        _ => "0",
    };

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
