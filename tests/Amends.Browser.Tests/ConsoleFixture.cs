using System.Net.Http.Json;
using Amends.Browser.Tests;
using Amends.Ledger;
using Amends.Reports;
using Amends.Samples;
using Amends.Storage;
using Amends.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(ConsoleFixture))]

// One browser, one server: the tests take turns rather than share two cores with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Amends.Browser.Tests;

/// <summary>
/// One Azurite, one standalone server process over it and one headless Chromium (Debian's, never a
/// downloaded one) for the whole assembly. The server's tables hold a year of sample cost history so
/// the reports have something to show.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium (<c>apt-get install chromium</c>; scripts/test.sh and .ci/run install it).</summary>
    public const string Chromium = "/usr/bin/chromium";

    private const string TablePrefix = "console";

    /// <summary>The key the store signs prefilled report-page links with.</summary>
    public const string PrefillSecret = "prefill-secret-of-casa-bella-0123456789";

    private AzuriteProcess azurite = null!;
    private IPlaywright playwright = null!;

    public ServerProcess Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => $"http://127.0.0.1:{Server.Port}";

    /// <summary>Where screenshots go: the test output folder.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"No Chromium at {Chromium}: `apt-get install -y chromium` (scripts/test.sh does it when it can).");
        }

        azurite = await AzuriteProcess.StartAsync();
        var history = WriteSampleHistoryAsync(azurite.ConnectionString);
        Server = await StartServerAsync(TablePrefix, new Dictionary<string, string>());
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        await history;
    }

    /// <summary>
    /// A server of the store over the fixture's Azurite, with its own tables (<paramref name="tablePrefix"/>) and task
    /// hub; <paramref name="settings"/> add to or override the store's. The fixture's own server is one of these.
    /// </summary>
    public Task<ServerProcess> StartServerAsync(string tablePrefix, IReadOnlyDictionary<string, string> settings)
    {
        var all = new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = tablePrefix,
            ["Amends__Silence__Limit"] = "7.00:00:00",
            ["Amends__Store__Name"] = "Casa Bella",
            ["Amends__Store__ContactEmail"] = "aiuto@casabella.example",
            ["Amends__Store__Phone"] = "+39 02 1234 5678",
            ["Amends__Store__Colour"] = "#7a1f3d",
            ["Amends__ReportPage__PrefillSecret"] = PrefillSecret,
            ["Amends__ReportPage__PerEmailLimit"] = "3",
            ["Amends__ReportPage__PerAddressLimit"] = "1000",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return ServerProcess.StartAsync(azurite.ConnectionString, all);
    }

    /// <summary>A fresh browser context (own sessionStorage) on a page of the given size, on the fixture's server or <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = baseUrl ?? BaseUrl, ViewportSize = new() { Width = width, Height = height }, Locale = "en-GB", TimezoneId = "UTC" });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens <paramref name="path"/>; the console sends the page to sign-in, where the staff key goes in.</summary>
    public async Task<IPage> SignedInPageAsync(string path = "/console/", int width = 1280, int height = 900)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync(path);
        await page.GetByLabel("Staff key").FillAsync(Server.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
        return page;
    }

    /// <summary>Opens an incident over the API, as the store's back end would.</summary>
    public async Task<string> OpenIncidentAsync(string customerEmail, string order, string description, string sku = "KETTLE-01")
    {
        using var http = Server.CreateClient();
        using var answer = await http.PostAsJsonAsync("/api/v1/incidents", new
        {
            customerEmail,
            customerName = "Giulia Rossi",
            language = "en",
            orderNumber = order,
            description,
            sku,
        });
        answer.EnsureSuccessStatusCode();
        var view = await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return view.GetProperty("incident").GetProperty("id").GetString()!;
    }

    /// <summary>The incident's current status-page link, as every customer email carries it.</summary>
    public async Task<string> StatusLinkAsync(string incidentId)
    {
        using var http = Server.CreateClient();
        var link = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/incidents/{incidentId}/status-link");
        return link.GetProperty("url").GetString()!;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }

    private static async Task WriteSampleHistoryAsync(string connectionString)
    {
        var account = new StorageAccount(Options.Create(new StorageOptions { ConnectionString = connectionString, TablePrefix = TablePrefix }));
        var reports = new CostReports(account, Options.Create(new Money.StoreCurrency()));
        var ledger = new CostLedger(account, reports);
        var responseTimes = new ResponseTimes(account);
        await reports.EnsureCreatedAsync();
        await ledger.EnsureCreatedAsync();
        await responseTimes.EnsureCreatedAsync();
        var history = StoreHistory.Generate(StoreHistory.DefaultSeed, 120, new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await StoreHistory.WriteAsync(ledger, history, writers: 4, progress: null);
        await StoreHistory.WriteAsync(responseTimes, StoreHistory.ResponseTimes(StoreHistory.DefaultSeed, history), writers: 4);
    }
}
