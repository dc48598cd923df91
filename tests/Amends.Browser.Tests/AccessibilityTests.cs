using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Amends.Browser.Tests;

/// <summary>Every page of the console passes axe-core's WCAG 2.1 A and AA rules (labels, contrast, landmarks, names…).</summary>
public sealed class AccessibilityTests(ConsoleFixture console)
{
    [Fact]
    public async Task Sign_in_the_queue_an_incident_and_the_reports_meet_WCAG_AA()
    {
        var id = await console.OpenIncidentAsync("lena@example.no", "#3001", "Lokket mangler.");
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/");
        await Expect(page.GetByLabel("Staff key")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "sign-in");

        page = await console.SignedInPageAsync();
        await Expect(page.Locator("table.queue tbody tr").First).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "queue");

        await page.GotoAsync($"/console/incidents/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "incident");

        await page.GotoAsync("/console/reports");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Cost by carrier" }).GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "reports");

        await page.GotoAsync("/console/spare-parts");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Low stock" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "spare parts");
    }
}
