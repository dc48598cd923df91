using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Amends.Browser.Tests;

/// <summary>Staff work a claim against the carrier in the console: one action at a time, as in a real browser.</summary>
public sealed class ClaimPanelTests(ConsoleFixture console)
{
    [Fact]
    public async Task Diagnosing_the_carrier_opens_the_claim_staff_complete_its_details_and_download_its_pack()
    {
        var id = await console.OpenIncidentAsync("claims-open@example.com", "#5001", "The parcel arrived crushed; the kettle is dented.");
        var page = await console.SignedInPageAsync($"/console/incidents/{id}");

        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync("DamagedInTransit");
        await page.GetByLabel("Responsibility", new() { Exact = true }).SelectOptionAsync("Carrier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save diagnosis" }).ClickAsync();
        var claim = page.GetByRole(AriaRole.Region, new() { Name = "Carrier claim" });
        await Expect(claim.GetByText("Open", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Timeline" }).GetByText("Carrier claim opened")).ToBeVisibleAsync();

        await claim.GetByLabel("Claim carrier").FillAsync("GLS");
        await claim.GetByLabel("Original tracking number").FillAsync("GLS-ORIG-5");
        await claim.GetByLabel("Original shipping cost").FillAsync("5.90");
        await claim.GetByLabel("Claimed amount").FillAsync("60");
        await claim.GetByRole(AriaRole.Button, new() { Name = "Save claim details" }).ClickAsync();
        await Expect(claim.GetByText("Claim details saved.")).ToBeVisibleAsync();
        await Expect(claim.GetByText("60.00 (set by staff)")).ToBeVisibleAsync();
        await Expect(claim.GetByText("GLS-ORIG-5")).ToBeVisibleAsync();
        await Expect(claim.GetByText("Recovered")).Not.ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "incident with its carrier claim");
        await ConsoleFixture.ScreenshotAsync(page, "claim");

        var download = await page.RunAndWaitForDownloadAsync(() => claim.GetByRole(AriaRole.Button, new() { Name = "Download claim pack (PDF)" }).ClickAsync());
        Assert.Equal($"claim-{id}.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
    }

    [Fact]
    public async Task Staff_record_the_claim_filed_accepted_and_paid_and_the_report_shows_what_was_recovered()
    {
        var id = await ClaimAsync("claims-paid@example.com", "#5002", "DPD");
        var page = await console.SignedInPageAsync($"/console/incidents/{id}");
        var claim = page.GetByRole(AriaRole.Region, new() { Name = "Carrier claim" });

        await claim.GetByLabel("Carrier's claim reference (optional)").FillAsync("DPD-77");
        await claim.GetByRole(AriaRole.Button, new() { Name = "Record as filed" }).ClickAsync();
        await Expect(claim.GetByText("Claim recorded as filed.")).ToBeVisibleAsync();
        await Expect(claim.GetByText("reference DPD-77")).ToBeVisibleAsync();

        await claim.GetByRole(AriaRole.Button, new() { Name = "Record as accepted" }).ClickAsync();
        await Expect(claim.GetByText("Claim recorded as accepted.")).ToBeVisibleAsync();

        // A negative amount is refused with the API's reason, and nothing changes.
        await claim.GetByLabel("Amount paid").FillAsync("-5");
        await claim.GetByRole(AriaRole.Button, new() { Name = "Record as paid" }).ClickAsync();
        await Expect(claim.GetByRole(AriaRole.Alert)).ToContainTextAsync("above 0");
        await Expect(claim.GetByText("Accepted", new() { Exact = true })).ToBeVisibleAsync();

        await claim.GetByLabel("Amount paid").FillAsync("45");
        await claim.GetByRole(AriaRole.Button, new() { Name = "Record as paid" }).ClickAsync();
        await Expect(claim.GetByText("Claim recorded as paid.")).ToBeVisibleAsync();
        await Expect(claim.GetByText("Paid", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(claim.GetByText("€45.00", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(claim.GetByText("€5.00", new() { Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync("/console/reports");
        var report = page.GetByRole(AriaRole.Region, new() { Name = "Carrier claims" });
        await Expect(report.GetByRole(AriaRole.Row, new() { Name = "DPD" })).ToContainTextAsync("€45.00");
    }

    [Fact]
    public async Task Staff_record_a_claim_the_carrier_rejected_as_lost()
    {
        var id = await ClaimAsync("claims-rejected@example.com", "#5003", "Nordpost");
        using (var http = console.Server.CreateClient())
        {
            (await http.PostAsJsonAsync($"/api/v1/incidents/{id}/claim/status", new { status = "Filed" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        var page = await console.SignedInPageAsync($"/console/incidents/{id}");
        var claim = page.GetByRole(AriaRole.Region, new() { Name = "Carrier claim" });

        await claim.GetByLabel("Why the carrier refused (optional)").FillAsync("Packed too loosely.");
        await claim.GetByRole(AriaRole.Button, new() { Name = "Record as rejected" }).ClickAsync();

        await Expect(claim.GetByText("Claim recorded as rejected.")).ToBeVisibleAsync();
        await Expect(claim.GetByText("Rejected", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(claim.GetByText("Packed too loosely.")).ToBeVisibleAsync();
        await Expect(claim.GetByRole(AriaRole.Button, new() { Name = "Record as paid" })).Not.ToBeVisibleAsync();
    }

    /// <summary>An incident the carrier damaged, with its claim ready to file (carrier, tracking, 50.00), over the API.</summary>
    private async Task<string> ClaimAsync(string email, string order, string carrier)
    {
        var id = await console.OpenIncidentAsync(email, order, "The parcel arrived crushed.");
        using var http = console.Server.CreateClient();
        (await http.PostAsJsonAsync($"/api/v1/incidents/{id}/diagnosis", new { category = "DamagedInTransit", responsibility = "Carrier" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/v1/incidents/{id}/claim", new { carrier, trackingNumber = $"{carrier}-1", amount = 50m }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        return id;
    }
}
