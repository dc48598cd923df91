using System.Diagnostics;
using Amends.Storage;
using Amends.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Amends.Bench;

/// <summary>
/// The staff console as a browser meets it, over a queue of many incidents: what the first load
/// transfers (requests, bytes on the wire) and how long until the queue shows its first 50 rows,
/// from navigation start, with a cold cache (a new browser context each time) and a warm one.
/// </summary>
internal static class ConsoleQueue
{
    private const int Runs = 30;
    private const int WarmUp = 5;

    public static async Task RunAsync(int queueSize)
    {
        var prefix = "c" + Guid.NewGuid().ToString("N")[..8];
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = prefix,
        });
        Console.WriteLine($"Amends console benchmark, {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores");

        var services = new ServiceCollection().AddAmends(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amends:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Amends:Storage:TablePrefix"] = prefix,
        }).Build()).BuildServiceProvider();
        var seeding = Stopwatch.StartNew();
        await QueueSeed.SeedAsync(services.GetRequiredService<IncidentStore>(), queueSize);
        Console.WriteLine($"seeded {queueSize} incidents in {seeding.Elapsed.TotalSeconds:F1} s");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var baseUrl = $"http://127.0.0.1:{server.Port}";

        // First load, cold cache: every request the page makes, with what went over the wire.
        await using (var context = await NewContextAsync(browser, baseUrl, server.ApiKey))
        {
            var page = await context.NewPageAsync();
            List<IResponse> responses = [];
            page.Response += (_, response) => responses.Add(response);
            await page.GotoAsync("/console/");
            await page.Locator("table.queue tbody tr").Nth(49).WaitForAsync();
            long files = 0, api = 0;
            foreach (var response in responses)
            {
                var sizes = await response.Request.SizesAsync();
                var wire = sizes.ResponseBodySize + sizes.ResponseHeadersSize;
                var path = new Uri(response.Url).AbsolutePath;
                if (path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    api += wire;
                }
                else
                {
                    files += wire;
                }

                Console.WriteLine($"  {response.Status} {path} {response.Headers.GetValueOrDefault("content-encoding", "identity")} " +
                    $"body {sizes.ResponseBodySize} B + headers {sizes.ResponseHeadersSize} B, cache-control: {response.Headers.GetValueOrDefault("cache-control", "-")}");
            }

            Console.WriteLine($"first load: {responses.Count} requests, console files {files} B, API {api} B, total {files + api} B on the wire");
        }

        Console.WriteLine($"queue shows 50 of {queueSize}, cold cache (new context each run): {await MeasureAsync(browser, baseUrl, server.ApiKey, warm: false)}");
        Console.WriteLine($"queue shows 50 of {queueSize}, warm cache (reload): {await MeasureAsync(browser, baseUrl, server.ApiKey, warm: true)}");
    }

    private static async Task<Latencies> MeasureAsync(IBrowser browser, string baseUrl, string key, bool warm)
    {
        Latencies samples = new();
        var shared = warm ? await NewContextAsync(browser, baseUrl, key) : null;
        var sharedPage = shared is null ? null : await shared.NewPageAsync();
        for (var run = 0; run < Runs + WarmUp; run++)
        {
            var context = shared ?? await NewContextAsync(browser, baseUrl, key);
            var page = sharedPage ?? await context.NewPageAsync();
            var started = Stopwatch.GetTimestamp();
            await page.GotoAsync("/console/", new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator("table.queue tbody tr").Nth(49).WaitForAsync();
            if (run >= WarmUp)
            {
                samples.Add(Stopwatch.GetElapsedTime(started));
            }

            if (shared is null)
            {
                await context.DisposeAsync();
            }
        }

        if (shared is not null)
        {
            await shared.DisposeAsync();
        }

        return samples;
    }

    /// <summary>A browser context already signed in: the staff key in sessionStorage before any script runs.</summary>
    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, string baseUrl, string key)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        await context.AddInitScriptAsync($"sessionStorage.setItem('amends.staffKey', '{key}')");
        return context;
    }
}
