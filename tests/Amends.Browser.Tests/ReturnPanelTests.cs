using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Amends.Browser.Tests;

/// <summary>Staff follow a return in the console's return panel: the parcel posted back, received, inspected, and what the store was asked to pay.</summary>
public sealed class ReturnPanelTests(ConsoleFixture console)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Workflow = new() { Timeout = 60_000 };

    [Fact]
    public async Task Staff_post_the_return_tracking_number()
    {
        var id = await ReturnAsync("#2301");
        var page = await console.SignedInPageAsync($"/console/incidents/{id}");
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Return and payments" });
        await Expect(panel.Locator("#return-stage")).ToHaveTextAsync("Label sent, waiting for the parcel");

        await panel.GetByLabel("Return tracking number").FillAsync("RR123456789PL");
        await panel.GetByLabel("Return carrier (optional)").FillAsync("InPost");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save return tracking" }).ClickAsync();

        await Expect(panel.Locator("#return-stage")).ToHaveTextAsync("On its way back");
        await Expect(panel.GetByText("RR123456789PL (InPost)")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Staff_mark_the_return_received_and_the_customer_is_told()
    {
        var id = await ReturnAsync("#2302");
        var page = await console.SignedInPageAsync($"/console/incidents/{id}");
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Return and payments" });

        await panel.GetByRole(AriaRole.Button, new() { Name = "Mark the return received" }).ClickAsync();

        await Expect(panel.Locator("#return-stage")).ToHaveTextAsync("Received, to inspect");
        await Expect(page.GetByText("Return received: the customer is told.")).ToBeVisibleAsync();
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });
        await Expect(timeline.Locator(".kind-ReturnReceived .badge", new() { HasText = "emailed" })).ToBeVisibleAsync(Workflow);
    }

    [Fact]
    public async Task Staff_record_the_inspection_and_see_the_refund_instruction_with_its_status()
    {
        var id = await ReturnAsync("#2303");
        using (var http = console.Server.CreateClient())
        {
            (await http.PostAsJsonAsync($"/api/v1/incidents/{id}/return/received", new { }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        var page = await console.SignedInPageAsync($"/console/incidents/{id}");
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Return and payments" });

        // A refund above the item price is refused, naming the field, and nothing changes.
        await panel.GetByLabel("Refund, if not the policy's", new() { Exact = false }).FillAsync("500");
        await panel.GetByLabel("Why the refund differs").FillAsync("Goodwill");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Record inspection" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(panel.Locator("#return-stage")).ToHaveTextAsync("Received, to inspect");

        await panel.GetByLabel("Condition").SelectOptionAsync("Damaged");
        await panel.GetByLabel("Refund, if not the policy's", new() { Exact = false }).FillAsync("80");
        await panel.GetByLabel("Why the refund differs").FillAsync("Scratched lid");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Record inspection" }).ClickAsync();

        await Expect(panel.Locator("#return-stage")).ToHaveTextAsync("Inspected, refund requested");
        await Expect(panel.GetByText("Scratched lid", new() { Exact = false })).ToBeVisibleAsync();
        var payments = panel.GetByRole(AriaRole.Table, new() { Name = "Payment instructions" });
        var row = payments.GetByRole(AriaRole.Row, new() { Name = "Return refund" });
        await Expect(row).ToBeVisibleAsync(Workflow);
        await Expect(row).ToContainTextAsync("80.00");

        // The ledger beside it: the refund actually requested as a cost, the restocking fee as income.
        var ledger = page.GetByRole(AriaRole.Table, new() { Name = "Ledger" });
        await Expect(ledger.GetByRole(AriaRole.Row, new() { Name = "Refund" })).ToContainTextAsync("€80.00");
        await Expect(ledger.GetByRole(AriaRole.Row, new() { Name = "Restocking fee" })).ToContainTextAsync("€12.00");

        // This server has no store webhook: the instruction says so, and staff pay by hand.
        await Expect(row).ToContainTextAsync("Not sent (no store webhook): pay it by hand", new() { Timeout = 60_000 });
        await Axe.AssertAccessibleAsync(page, "the return panel");
        await ConsoleFixture.ScreenshotAsync(page, "return-panel");
    }

    /// <summary>An incident whose customer changed their mind, returned with a label, over the API.</summary>
    private async Task<string> ReturnAsync(string order)
    {
        var id = await console.OpenIncidentAsync($"return-{Guid.NewGuid():N}@example.com", order, "I changed my mind about the kettle.");
        using var http = console.Server.CreateClient();
        (await http.PostAsJsonAsync($"/api/v1/incidents/{id}/diagnosis", new { category = "ChangedMind", responsibility = "Customer" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/v1/incidents/{id}/resolution", new { type = "ReturnWithLabel", itemPrice = 120.00m }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        return id;
    }
}
