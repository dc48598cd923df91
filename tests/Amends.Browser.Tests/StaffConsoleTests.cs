using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Amends.Browser.Tests;

/// <summary>A member of staff works through the queue in the console, as in a real browser.</summary>
public sealed partial class StaffConsoleTests(ConsoleFixture console)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Workflow = new() { Timeout = 60_000 };

    [Fact]
    public async Task Staff_filter_the_queue_open_the_oldest_reply_and_resolve_with_a_discount()
    {
        var customer = $"browser-{Guid.NewGuid():N}@example.com";
        var oldest = await console.OpenIncidentAsync(customer, "#2001", "The kettle's handle came off the first time I used it.");
        await console.OpenIncidentAsync("anna@example.no", "#2002", "The parcel arrived crushed and the lid is dented.", "LAMP-02");
        await console.OpenIncidentAsync(customer, "#2003", "The second kettle has a missing lid.");
        await console.OpenIncidentAsync("piotr@example.pl", "#2004", "I ordered blue, got red.", "MUG-03");
        var page = await console.SignedInPageAsync();
        await Expect(page.Locator("table.queue tbody tr")).Not.ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(page, "queue");

        await page.GetByLabel("Customer email").FillAsync(customer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("customerEmail=" + Regex.Escape(Uri.EscapeDataString(customer))));
        var rows = page.Locator("table.queue tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First.GetByRole(AriaRole.Link)).ToHaveTextAsync(oldest);

        await rows.First.GetByRole(AriaRole.Link, new() { Name = oldest }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Incident {oldest}");
        await Expect(page.GetByText("Next update due by")).ToBeVisibleAsync();
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });

        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync("Defective");
        await page.GetByLabel("Responsibility", new() { Exact = true }).SelectOptionAsync("Store");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save diagnosis" }).ClickAsync();
        await Expect(timeline.GetByText("Diagnosis")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Compensation", new() { Exact = true })).ToContainTextAsync("As proposed: a 10% discount code (valid 90 days)");

        const string reply = "We are sending you a new kettle today; sorry for the trouble.";
        await page.GetByLabel("Message (emailed to the customer)").FillAsync(reply);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(timeline.GetByText(reply)).ToBeVisibleAsync();

        await page.GetByLabel("Replacement", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Replacement cost").FillAsync("39.90");
        await page.GetByLabel("Shipping cost").FillAsync("6.90");
        await page.GetByLabel("Tracking number").FillAsync("JD0002249");
        await page.GetByLabel("Carrier").FillAsync("GLS");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record resolution" }).ClickAsync();
        await Expect(timeline.GetByText("Resolution chosen")).ToBeVisibleAsync();
        await Expect(page.GetByText("JD0002249 (GLS)")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "incident");

        // The policy proposes 10%; staff give 15% for the trouble.
        await page.GetByLabel("Note (why it is resolved; staff only)").FillAsync("Replacement delivered.");
        await page.GetByLabel("Compensation", new() { Exact = true }).SelectOptionAsync("Discount");
        await page.GetByLabel("Discount (%)").FillAsync("15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();

        // The workflow apologizes with the discount code; the page shows it without a reload.
        await Expect(timeline.GetByText("Apology sent")).ToBeVisibleAsync(Workflow);
        await Expect(page.Locator("dd code")).ToHaveTextAsync(new Regex(@"\S+"));
        var code = await page.Locator("dd code").TextContentAsync();
        await page.ReloadAsync();
        await Expect(timeline.GetByText(reply)).ToBeVisibleAsync();
        await Expect(timeline.GetByText("Resolution chosen")).ToBeVisibleAsync();
        await Expect(timeline.GetByText("Resolved", new() { Exact = true })).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "incident-resolved");

        // The customer's page, from the link in their emails: the reply and the resolution, on a phone.
        var status = await console.StatusLinkAsync(oldest);
        var customerPage = await console.NewPageAsync(width: 390, height: 844);
        var shown = await customerPage.GotoAsync(status);
        Assert.Equal(200, shown!.Status);
        await Expect(customerPage.GetByText(reply)).ToBeVisibleAsync();
        await Expect(customerPage.GetByText("We are sending you a replacement.")).ToBeVisibleAsync();
        await Expect(customerPage.GetByText("JD0002249")).ToBeVisibleAsync();
        await Expect(customerPage.GetByText($"Your discount code: {code}")).ToBeVisibleAsync();
        await Expect(customerPage.GetByText("Replacement delivered.")).Not.ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(customerPage, "status");

        var tampered = await customerPage.GotoAsync(Tamper(status));
        Assert.Equal(404, tampered!.Status);
        await Expect(customerPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link does not work");
        await Expect(customerPage.GetByText(reply)).Not.ToBeVisibleAsync();
    }

    /// <summary>The link with one character of its signature changed.</summary>
    private static string Tamper(string link) => link[..^1] + (link[^1] == 'A' ? 'B' : 'A');

    [Fact]
    public async Task A_wrong_key_is_refused_at_sign_in()
    {
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/");

        await page.GetByLabel("Staff key").FillAsync("not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That key was refused");
        await Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('amends.staffKey')"));
    }

    [Fact]
    public async Task Reports_chart_what_incidents_cost_how_fast_they_were_fixed_and_satisfaction_with_csv_downloads()
    {
        var page = await console.SignedInPageAsync("/console/reports");
        var carriers = page.GetByRole(AriaRole.Region, new() { Name = "Cost by carrier" });

        await Expect(carriers.GetByRole(AriaRole.Rowheader, new() { Name = "GLS" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Cost by month" }).GetByRole(AriaRole.Row)).Not.ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Time to acknowledge and resolve" }).GetByRole(AriaRole.Rowheader).First).ToHaveTextAsync(new Regex(@"^\d{4}-\d{2}$"));
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Customer satisfaction" }).GetByRole(AriaRole.Button, new() { Name = "Download CSV: Customer satisfaction" })).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "reports");

        var download = await page.RunAndWaitForDownloadAsync(() => carriers.GetByRole(AriaRole.Button, new() { Name = "Download CSV: Cost by carrier" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.StartsWith("key,incidents,grossCost,income,netCost,currency\n", csv, StringComparison.Ordinal);
        Assert.Contains("GLS,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_show_net_beside_gross_for_a_range_of_months_in_the_stores_currency()
    {
        var page = await console.SignedInPageAsync("/console/reports");
        var months = page.GetByRole(AriaRole.Region, new() { Name = "Cost by month" });
        var groups = page.GetByRole(AriaRole.Region, new() { Name = "Breakage and returns by choice" });

        await Expect(months.GetByRole(AriaRole.Columnheader, new() { Name = "Net" })).ToBeVisibleAsync();
        await Expect(months.GetByRole(AriaRole.Columnheader, new() { Name = "Income" })).ToBeVisibleAsync();
        await Expect(months.GetByRole(AriaRole.Rowheader)).Not.ToHaveCountAsync(1);
        await Expect(groups.GetByRole(AriaRole.Rowheader, new() { Name = "Breakage" })).ToBeVisibleAsync();
        await Expect(groups.GetByRole(AriaRole.Rowheader, new() { Name = "Returns by choice" })).ToBeVisibleAsync();
        await Expect(groups.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Cell).Last).ToContainTextAsync("€");

        await page.GetByLabel("From month").FillAsync("2026-02");
        await page.GetByLabel("To month").FillAsync("2026-03");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(months.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["2026-02", "2026-03"]);
        var download = await page.RunAndWaitForDownloadAsync(() => months.GetByRole(AriaRole.Button, new() { Name = "Download CSV: Cost by month" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Equal(["2026-02", "2026-03"], csv.Skip(1).Select(l => l.Split(',')[0]).Order());

        await page.GetByLabel("From month").FillAsync("2026-05");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The first month comes after the last.");
        await Axe.AssertAccessibleAsync(page, "reports with a range");
    }

    [Fact]
    public async Task The_queue_fits_a_phone_screen()
    {
        await console.OpenIncidentAsync("sofia@example.it", "#2101", "Il coperchio non chiude.");
        var page = await console.SignedInPageAsync(width: 390, height: 844);

        await Expect(page.Locator("table.queue tbody tr").First).ToBeVisibleAsync();

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The queue scrolls sideways on a phone.");
        await Axe.AssertAccessibleAsync(page, "queue on a phone");
        await ConsoleFixture.ScreenshotAsync(page, "queue-phone");
    }
}
