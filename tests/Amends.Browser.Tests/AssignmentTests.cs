using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Amends.Browser.Tests;

/// <summary>
/// Staff take an incident in the console: it says why it needs attention, they assign it to themselves,
/// find it under the assignee filter, unassign it and dismiss the flag, as in a real browser.
/// </summary>
public sealed class AssignmentTests(ConsoleFixture console)
{
    [Fact]
    public async Task Staff_see_why_an_incident_needs_attention_assign_it_to_themselves_unassign_and_dismiss()
    {
        var order = $"#A-{Guid.NewGuid():N}"[..12];
        var id = await console.OpenIncidentAsync("assign@example.com", order, "The lid of the kettle does not close.");

        // The customer writes from their status page: the incident needs attention, and says why.
        var customer = await console.NewPageAsync(width: 390, height: 844);
        await customer.GotoAsync(await console.StatusLinkAsync(id));
        await customer.GetByLabel("Your message").FillAsync("Is there any news about the lid?");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(customer).ToHaveURLAsync(new Regex(@"sent=1"));

        var page = await console.SignedInPageAsync($"/console/incidents/{id}");
        await Expect(page.GetByText("Signed in as Owner")).ToBeVisibleAsync();
        var flags = page.GetByRole(AriaRole.List, new() { Name = "Needs attention" });
        await Expect(flags).ToContainTextAsync("The customer wrote (status page)");
        await Expect(page.Locator("#assignee")).ToHaveTextAsync("Nobody is on it.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Assign to me" }).ClickAsync();

        await Expect(page.Locator("#assignee")).ToHaveTextAsync("Assigned to Owner");
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });
        await Expect(timeline.GetByText("Assigned to Owner.")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "incident-assigned");

        // The queue, filtered to "me": the incident, with its assignee and why it needs attention.
        await page.GotoAsync("/console/");
        await page.GetByLabel("Order number").FillAsync(order);
        await page.GetByLabel("Assignee").SelectOptionAsync("me");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("assignee=me"));
        var row = page.Locator("table.queue tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Link)).ToHaveTextAsync(id);
        await Expect(row.Locator(".badge.assignee")).ToHaveTextAsync("Owner");
        await Expect(row).ToContainTextAsync("The customer wrote");
        await ConsoleFixture.ScreenshotAsync(page, "queue-mine");

        await row.GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unassign" }).ClickAsync();
        await Expect(page.Locator("#assignee")).ToHaveTextAsync("Nobody is on it.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Dismiss attention" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Dismiss attention" })).Not.ToBeVisibleAsync();
        // Only the reason goes: another test may leave this product low on spare parts, which stays flagged.
        await Expect(flags.GetByText("The customer wrote")).Not.ToBeVisibleAsync();
        await Expect(timeline.GetByText("Attention dismissed (CustomerMessage).")).ToBeVisibleAsync();

        await page.GotoAsync($"/console/?assignee=me&orderNumber={Uri.EscapeDataString(order)}");
        await Expect(page.GetByText("No incidents match.")).ToBeVisibleAsync();
    }
}
