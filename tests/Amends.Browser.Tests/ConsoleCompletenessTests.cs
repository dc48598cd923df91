using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Amends.Browser.Tests;

/// <summary>
/// Everything the API lets staff do, done from the console against the real server: each resolution kind,
/// the product, tracking, the spare-parts catalogue, and finding an incident by its words or how soon it is due.
/// </summary>
public sealed class ConsoleCompletenessTests(ConsoleFixture console)
{
    [Theory]
    [InlineData("SparePart")]
    [InlineData("Replacement")]
    [InlineData("ReturnWithLabel")]
    [InlineData("Refund")]
    [InlineData("StoreCredit")]
    public async Task Every_resolution_kind_is_recorded_from_its_form(string kind)
    {
        var id = await console.OpenIncidentAsync(Customer(), "#4001", "The toaster stopped heating after a week.", "TOASTER-01");
        var page = await OpenAsync(id);

        await page.GetByLabel(Words(kind), new() { Exact = true }).CheckAsync();
        switch (kind)
        {
            case "SparePart":
                await page.GetByLabel("Part cost").FillAsync("8.50");
                await page.GetByLabel("Shipping cost").FillAsync("4.90");
                await page.GetByLabel("Tracking number").FillAsync("SP-4001");
                break;
            case "Replacement":
                await page.GetByLabel("Replacement cost").FillAsync("29.90");
                await page.GetByLabel("Shipping cost").FillAsync("6.90");
                break;
            case "ReturnWithLabel":
                await page.GetByLabel("Price the customer paid for the item").FillAsync("49.90");
                break;
            case "Refund":
                await page.GetByLabel("Amount refunded").FillAsync("49.90");
                break;
            case "StoreCredit":
                await page.GetByLabel("Store credit amount").FillAsync("55");
                break;
        }

        await page.GetByLabel("Note to the customer").FillAsync($"Fixed by {kind}.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record resolution" }).ClickAsync();
        await Expect(page.GetByText("Resolution recorded.")).ToBeVisibleAsync();
        await Expect(Timeline(page).GetByText("Resolution chosen")).ToBeVisibleAsync();

        var resolution = (await IncidentAsync(id)).GetProperty("resolution");
        Assert.Equal(kind, resolution.GetProperty("type").GetString());
        Assert.Equal($"Fixed by {kind}.", resolution.GetProperty("note").GetString());
        switch (kind)
        {
            case "SparePart":
                Assert.Equal(8.50m, resolution.GetProperty("partCost").GetDecimal());
                Assert.Equal("SP-4001", resolution.GetProperty("trackingNumber").GetString());
                break;
            case "Replacement":
                Assert.Equal(29.90m, resolution.GetProperty("replacementCost").GetDecimal());
                break;
            case "ReturnWithLabel":
                Assert.Equal(49.90m, resolution.GetProperty("itemPrice").GetDecimal());
                Assert.True(resolution.GetProperty("refundAmount").GetDecimal() > 0);
                Assert.True(resolution.TryGetProperty("return", out _), "A return has its terms.");
                break;
            case "Refund":
                Assert.Equal(49.90m, resolution.GetProperty("refundAmount").GetDecimal());
                break;
            case "StoreCredit":
                Assert.Equal(55m, resolution.GetProperty("refundAmount").GetDecimal());
                break;
        }
    }

    [Fact]
    public async Task A_spare_part_from_stock_is_taken_off_the_shelf_at_its_unit_cost()
    {
        var product = $"BLENDER-{Guid.NewGuid():N}"[..20];
        var part = product + "-JAR";
        await PutPartAsync(part, product, "Glass jar", quantity: 3, reorderLevel: 1, unitCost: 12.40m);
        var id = await console.OpenIncidentAsync(Customer(), "#4002", "The jar cracked.", product);
        var page = await OpenAsync(id);

        await page.GetByLabel("Spare part", new() { Exact = true }).CheckAsync();
        await Expect(page.Locator("select#resolution-partSku")).ToBeVisibleAsync(); // once the product's parts have loaded
        await page.GetByLabel("Spare part from stock (SKU)").SelectOptionAsync(part);
        await Expect(page.GetByLabel("Part cost")).ToHaveCountAsync(0); // the part's unit cost is the cost
        await page.GetByRole(AriaRole.Button, new() { Name = "Record resolution" }).ClickAsync();
        await Expect(page.GetByText("Resolution recorded.")).ToBeVisibleAsync();

        var resolution = (await IncidentAsync(id)).GetProperty("resolution");
        Assert.Equal(part, resolution.GetProperty("partSku").GetString());
        Assert.Equal(12.40m, resolution.GetProperty("partCost").GetDecimal());
        using var http = console.Server.CreateClient();
        var parts = await http.GetFromJsonAsync<JsonElement>($"/api/v1/spare-parts?sku={product}", TestContext.Current.CancellationToken);
        Assert.Equal(2, parts[0].GetProperty("quantityOnHand").GetInt32());
    }

    [Fact]
    public async Task Staff_set_the_product_of_an_emailed_incident_and_its_spare_parts_are_offered()
    {
        var product = $"GRILL-{Guid.NewGuid():N}"[..18];
        await PutPartAsync(product + "-KNOB", product, "Knob", quantity: 5, reorderLevel: 1, unitCost: 2.10m);
        var id = await console.OpenIncidentAsync(Customer(), "#4003", "A knob broke off.", sku: null!);
        var page = await OpenAsync(id);

        await page.GetByLabel("Product SKU").FillAsync(product);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set product" }).ClickAsync();

        await Expect(page.GetByText("Product set.")).ToBeVisibleAsync();
        await Expect(page.GetByText($"product {product}")).ToBeVisibleAsync();
        await Expect(Timeline(page).GetByText($"Product set to {product} (was none).")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Spare part from stock (SKU)").Locator("option")).ToContainTextAsync(["None from stock", "Knob"]);
        Assert.Equal(product, (await IncidentAsync(id)).GetProperty("sku").GetString());
    }

    [Fact]
    public async Task Staff_send_the_tracking_number_after_the_resolution()
    {
        var id = await console.OpenIncidentAsync(Customer(), "#4004", "The lid is missing.");
        using (var http = console.Server.CreateClient())
        {
            using var chosen = await http.PostAsJsonAsync($"/api/v1/incidents/{id}/resolution", new { type = "Replacement", replacementCost = 20, carrier = "GLS" }, TestContext.Current.CancellationToken);
            chosen.EnsureSuccessStatusCode();
        }

        var page = await OpenAsync(id);
        var tracking = page.GetByRole(AriaRole.Form, new() { Name = "Tracking" });
        await tracking.GetByLabel("Tracking number").FillAsync("TRK-4004");
        await tracking.GetByLabel(new Regex("^Carrier")).FillAsync("DHL");
        await tracking.GetByRole(AriaRole.Button, new() { Name = "Send tracking" }).ClickAsync();

        await Expect(page.GetByText("Tracking sent to the customer.")).ToBeVisibleAsync();
        await Expect(page.GetByText("TRK-4004 (DHL)").First).ToBeVisibleAsync();
        var resolution = (await IncidentAsync(id)).GetProperty("resolution");
        Assert.Equal("TRK-4004", resolution.GetProperty("trackingNumber").GetString());
        Assert.Equal("DHL", resolution.GetProperty("carrier").GetString());
    }

    [Fact]
    public async Task Staff_find_incidents_by_their_words_product_and_when_they_are_due()
    {
        var word = $"zebra{Guid.NewGuid():N}"[..14];
        var product = $"FAN-{Guid.NewGuid():N}"[..16];
        var first = await console.OpenIncidentAsync(Customer(), "#4005", "The fan rattles.", product);
        var second = await console.OpenIncidentAsync(Customer(), "#4006", $"The {word} pattern has faded.");
        using (var http = console.Server.CreateClient())
        {
            // A word only the timeline holds: staff's note.
            using var note = await http.PostAsJsonAsync($"/api/v1/incidents/{first}/notes", new { note = $"Customer mentions {word} too." }, TestContext.Current.CancellationToken);
            note.EnsureSuccessStatusCode();
        }

        var page = await console.SignedInPageAsync();
        await page.GetByLabel("Search").FillAsync(word.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("q=" + word.ToUpperInvariant()));
        var rows = page.Locator("table.queue tbody tr");
        await Expect(rows.GetByRole(AriaRole.Link)).ToHaveTextAsync([first, second]);
        await ConsoleFixture.ScreenshotAsync(page, "queue-search");

        await page.GetByLabel("Product SKU").FillAsync(product.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(rows.GetByRole(AriaRole.Link)).ToHaveTextAsync([first]);

        // A week's silence limit: both are due within 7 days, none is overdue yet.
        await page.GetByLabel("Product SKU").FillAsync("");
        await page.GetByLabel("Customer must hear from us").SelectOptionAsync("168");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("dueWithinHours=168"));
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.GetByText("2 incidents on this page, soonest due first.")).ToBeVisibleAsync();
        await Expect(rows.First.Locator("td[data-label='Next update due'] time")).ToBeVisibleAsync();

        await page.GetByLabel("Customer must hear from us").SelectOptionAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(page.GetByText("No incidents match.")).ToBeVisibleAsync();

        await page.GotoAsync($"/console/?q={word}&needsAttention=false");
        await Expect(rows).ToHaveCountAsync(2);
        await page.GotoAsync($"/console/?q={word}&needsAttention=true");
        await Expect(page.GetByText("No incidents match.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_spare_parts_page_adds_a_part_recounts_it_and_lists_low_stock()
    {
        var part = $"PART-{Guid.NewGuid():N}"[..16];
        var page = await console.SignedInPageAsync("/console/spare-parts");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Spare parts", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Part SKU").FillAsync(part);
        await page.GetByLabel("Product it mends (SKU)").FillAsync("KETTLE-01");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Kettle lid hinge");
        await page.GetByLabel("On hand").FillAsync("6");
        await page.GetByLabel("Reorder level").FillAsync("2");
        await page.GetByLabel("Unit cost").FillAsync("3.20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save part" }).ClickAsync();
        await Expect(page.GetByText($"Saved Kettle lid hinge ({part}): 6 on hand.")).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = part });
        await Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("6");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Edit Kettle lid hinge ({part})" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Edit {part}" })).ToBeVisibleAsync();
        await page.GetByLabel("On hand").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save part" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Low stock" }).GetByText($"Kettle lid hinge ({part}): 1 left, reorder at 2")).ToBeVisibleAsync();
        await Expect(row.GetByText("Low stock")).ToBeVisibleAsync();
        using var http = console.Server.CreateClient();
        var parts = await http.GetFromJsonAsync<JsonElement>("/api/v1/spare-parts?sku=KETTLE-01", TestContext.Current.CancellationToken);
        Assert.Contains(parts.EnumerateArray(), p => p.GetProperty("partSku").GetString() == part && p.GetProperty("quantityOnHand").GetInt32() == 1);
        await ConsoleFixture.ScreenshotAsync(page, "spare-parts");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Edit Kettle lid hinge ({part})" }).ClickAsync();
        await page.GetByLabel("On hand").FillAsync("-1");
        await page.EvaluateAsync("() => document.querySelector('.part-form').noValidate = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save part" }).ClickAsync();
        await Expect(page.Locator("#part-quantityOnHand-error")).ToContainTextAsync("whole number");
        await Axe.AssertAccessibleAsync(page, "spare parts");
    }

    private static string Customer() => $"complete-{Guid.NewGuid():N}@example.com";

    private static string Words(string kind) => kind switch
    {
        "SparePart" => "Spare part",
        "ReturnWithLabel" => "Return with label",
        "StoreCredit" => "Store credit",
        _ => kind,
    };

    private static ILocator Timeline(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });

    private async Task<IPage> OpenAsync(string id)
    {
        var page = await console.SignedInPageAsync($"/console/incidents/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Incident {id}");
        return page;
    }

    private async Task<JsonElement> IncidentAsync(string id)
    {
        using var http = console.Server.CreateClient();
        var view = await http.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}", TestContext.Current.CancellationToken);
        return view.GetProperty("incident");
    }

    private async Task PutPartAsync(string part, string product, string name, int quantity, int reorderLevel, decimal unitCost)
    {
        using var http = console.Server.CreateClient();
        using var answer = await http.PutAsJsonAsync($"/api/v1/spare-parts/{part}", new { productSku = product, name, quantityOnHand = quantity, reorderLevel, unitCost }, TestContext.Current.CancellationToken);
        answer.EnsureSuccessStatusCode();
    }
}
