using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Amends.Browser.Tests;

/// <summary>
/// A customer answers the closing email's question in a real browser (the link only shows it; Send
/// records it), offers a testimonial, and it reaches the public page only once staff approve it in the console.
/// </summary>
public sealed class TestimonialsPanelTests(ConsoleFixture console)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_testimonial_waits_in_the_console_until_staff_approve_it_and_then_shows_on_the_policy_page()
    {
        var id = await console.OpenIncidentAsync("testimonial@example.com", "#6001", "The lid hinge snapped.");
        var five = await SatisfactionLinkAsync(id);

        var customer = await console.NewPageAsync();
        await customer.GotoAsync(five);
        await Expect(customer.GetByText("Press Send to record your score.")).ToBeVisibleAsync();
        await Expect(customer.GetByLabel("5 – Excellent")).ToBeCheckedAsync();
        await customer.GetByLabel("Anything you would like to add? (optional)").FillAsync("A new hinge in three days. Lovely people.");
        await customer.GetByLabel("You may show my comment", new() { Exact = false }).CheckAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(customer.GetByText("We have saved your answer.")).ToBeVisibleAsync();
        await customer.GotoAsync("/policy?lang=en");
        await Expect(customer.GetByText("A new hinge in three days.")).Not.ToBeVisibleAsync();

        var page = await console.SignedInPageAsync("/console/reports");
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Testimonials" });
        await Expect(panel.GetByText("A new hinge in three days. Lovely people.")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "reports with testimonials waiting");
        await ConsoleFixture.ScreenshotAsync(page, "testimonials");

        await panel.GetByRole(AriaRole.Button, new() { Name = $"Approve {id}" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync($"Approved: Giulia's testimonial ({id}).");
        await Expect(panel.GetByText("A new hinge in three days. Lovely people.")).Not.ToBeVisibleAsync();
        await panel.GetByLabel("Show").SelectOptionAsync("Approved");
        await Expect(panel.GetByText("A new hinge in three days. Lovely people.")).ToBeVisibleAsync();
        await Expect(panel.GetByText(new Regex("Approved by "))).ToBeVisibleAsync();

        await customer.ReloadAsync();
        await Expect(customer.GetByText("A new hinge in three days. Lovely people.")).ToBeVisibleAsync();

        await panel.GetByRole(AriaRole.Button, new() { Name = $"Take down {id}" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("Rejected");
        await customer.ReloadAsync();
        await Expect(customer.GetByText("A new hinge in three days.")).Not.ToBeVisibleAsync();
    }

    /// <summary>Resolves the incident over the API and takes the "5" link from the closing email in the outbox.</summary>
    private async Task<string> SatisfactionLinkAsync(string id)
    {
        using var http = console.Server.CreateClient();
        (await http.PostAsJsonAsync($"/api/v1/incidents/{id}/resolve", new { note = "New hinge sent." }, Cancellation)).EnsureSuccessStatusCode();
        for (var wait = 0; wait < 120; wait++)
        {
            foreach (var entry in (await http.GetFromJsonAsync<JsonElement>("/api/v1/outbox", Cancellation)).EnumerateArray().Reverse())
            {
                await using var raw = await http.GetStreamAsync($"/api/v1/outbox/{entry.GetProperty("name").GetString()}", Cancellation);
                var body = (await MimeMessage.LoadAsync(raw, Cancellation)).TextBody ?? "";
                if (body.Contains(id, StringComparison.Ordinal) && Regex.Match(body, @"https?://\S+(/satisfaction/\S+score=5)") is { Success: true } link)
                {
                    return link.Groups[1].Value;
                }
            }

            await Task.Delay(500, Cancellation);
        }

        throw new TimeoutException($"No closing email for {id}.");
    }
}
