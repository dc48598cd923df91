using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amends.Orders;
using Amends.ReportProblem;
using Amends.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Amends.Browser.Tests;

/// <summary>
/// The public "report a problem" page in Chromium against the real server on Azurite: a customer reports
/// in Polish with two photos and lands on the status page; the store's signed link prefills the form; a
/// refused file, a double submit and too many reports are told plainly; the page is axe-clean on a phone
/// and a desktop. The fixture's server has no order lookup, so its reports open flagged "order not verified";
/// a wrong order/email pair is tried on a second server that reads orders from a stand-in of the store's back end.
/// </summary>
public sealed partial class ReportPageTests(ConsoleFixture console)
{
    // Two small, real pictures (64×48 PNG, red and blue): the server decodes and re-encodes every photo.
    private static readonly byte[] Red = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAQ0lEQVR42u3PQQkAAAgEsItz/VMYywp+hcEKLNO+FgEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQGBqwWPoCDEkZcDMwAAAABJRU5ErkJggg==");

    private static readonly byte[] Blue = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAQ0lEQVR42u3PQQkAAAgEsItjJhMbywp+hcEKLNXzWgQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQErhZLBHji02ZXeAAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_customer_reports_a_broken_item_with_two_photos_in_polish_and_lands_on_the_status_page()
    {
        var page = await console.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/report");
        await page.Locator("nav.langs a[lang=pl]").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Zgłoszenie problemu z zamówieniem");
        await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync("Casa Bella");
        await Axe.AssertAccessibleAsync(page, "the report page on a phone");
        await ConsoleFixture.ScreenshotAsync(page, "report-phone");
        await page.GetByLabel("Numer zamówienia", new() { Exact = true }).FillAsync("#7001");
        await page.GetByLabel("Adres e-mail podany przy zamówieniu").FillAsync("anna.nowak@example.pl");
        await page.GetByLabel("Imię i nazwisko (nieobowiązkowo)").FillAsync("Anna Nowak");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Produkt jest zepsuty lub nie działa" }).CheckAsync();
        await page.GetByLabel("Co dokładnie się stało?").FillAsync("Rączka czajnika pękła przy pierwszym użyciu.");
        await page.Locator("#photos").SetInputFilesAsync(
        [
            new FilePayload { Name = "czajnik-1.png", MimeType = "image/png", Buffer = Red },
            new FilePayload { Name = "czajnik-2.png", MimeType = "image/png", Buffer = Blue },
        ]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Wyślij zgłoszenie" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(StatusPage());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^Zgłoszenie AMD-"));
        await Expect(page.GetByText("Rączka czajnika pękła przy pierwszym użyciu.")).ToBeVisibleAsync();
        var id = IncidentOf(page.Url);
        using var http = console.Server.CreateClient();
        var photos = await http.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/photos", TestContext.Current.CancellationToken);
        Assert.Equal(2, photos.GetArrayLength());
        var incident = await IncidentAsync(id);
        Assert.Equal("Defective", incident.GetProperty("category").GetString());
        Assert.Contains("OrderNotVerified", Attention(incident), StringComparison.Ordinal);
        // The acknowledgement carries the same status link, as for every incident.
        await AcknowledgedAsync(id);
    }

    [Fact]
    public async Task The_stores_signed_link_prefills_the_order_and_email_and_vouches_for_them()
    {
        var sig = ReportLinks.PrefillSignature(ConsoleFixture.PrefillSecret, "#7002", "jonas@example.no");
        var page = await console.NewPageAsync(width: 1280, height: 900);
        await page.GotoAsync($"/report?lang=nb&order=%237002&email=jonas%40example.no&sig={sig}");

        await Expect(page.GetByLabel("Ordrenummer")).ToHaveValueAsync("#7002");
        await Expect(page.GetByLabel("E-postadressen du bestilte med")).ToHaveValueAsync("jonas@example.no");
        await Axe.AssertAccessibleAsync(page, "the report page on a desktop, prefilled");
        await ConsoleFixture.ScreenshotAsync(page, "report-desktop");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Pakken kom aldri" }).CheckAsync();
        await page.GetByLabel("Fortell oss hva som skjedde").FillAsync("Sporingen har stått stille i ti dager.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send meldingen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(StatusPage());
        var incident = await IncidentAsync(IncidentOf(page.Url));
        Assert.Equal("NotDelivered", incident.GetProperty("category").GetString());
        Assert.DoesNotContain("OrderNotVerified", Attention(incident), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_file_is_named_with_its_reason_and_what_was_typed_stays()
    {
        var page = await console.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/report?lang=en");
        await FillAsync(page, "#7003", "refused@example.com", "It arrived scratched.");
        await page.Locator("#photos").SetInputFilesAsync(new FilePayload { Name = "receipt.pdf", MimeType = "application/pdf", Buffer = "MZ not a pdf at all"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("We could not accept these files");
        await Expect(alert).ToContainTextAsync("receipt.pdf: it is not a kind of file we accept");
        await Expect(page.GetByLabel("Tell us what happened")).ToHaveValueAsync("It arrived scratched.");
        await Axe.AssertAccessibleAsync(page, "the report page with a refused file");
        Assert.Equal(0, await CountAsync("refused@example.com"));
    }

    [Fact]
    public async Task A_form_sent_twice_opens_one_incident()
    {
        var page = await console.NewPageAsync();
        await page.GotoAsync("/report?lang=en");
        await FillAsync(page, "#7004", "twice@example.com", "The box was empty.");

        // The same form posted twice at once, as an impatient double click does, then once more from the button.
        var token = await page.Locator("input[name=form_token]").InputValueAsync();
        var posts = await Task.WhenAll(PostAsync(page, token, "twice@example.com"), PostAsync(page, token, "twice@example.com"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(StatusPage());
        Assert.All(posts, p => Assert.Equal(303, p.Status));
        Assert.All(posts, p => Assert.Equal(IncidentOf(page.Url), IncidentOf(p.Headers["location"])));
        Assert.Equal(1, await CountAsync("twice@example.com"));
    }

    [Fact]
    public async Task Too_many_reports_for_one_email_are_refused_with_429_and_when_to_try_again()
    {
        var page = await console.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/report?lang=de");
        var token = await page.Locator("input[name=form_token]").InputValueAsync();
        for (var i = 0; i < 3; i++)
        {
            await PostAsync(page, token, "eilig@example.de");
        }

        await FillAsync(page, "#7005", "eilig@example.de", "Noch einmal.", "Ein Teil fehlt");
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Meldung senden" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(429, answer.Status);
        Assert.True(int.Parse(answer.Headers["retry-after"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bitte versuchen Sie es in 60 Minuten noch einmal.");
        await Axe.AssertAccessibleAsync(page, "the report page after too many reports");
    }

    [Fact]
    public async Task A_wrong_order_and_email_pair_is_refused_in_the_same_words_whether_or_not_the_order_exists_and_opens_nothing()
    {
        await using var store = await StoreBackendStandIn.StartAsync(
            new StoreOrder("#8101", new OrderCustomer("marta.bianchi@example.it", "Marta Bianchi"), [new OrderLine("KETTLE-01", "Kettle Aurora 1.7 l", 39.90m, 1)]));
        // Its own server: with a lookup, the other tests' made-up order numbers would be "not found".
        await using var server = await console.StartServerAsync("orders", new Dictionary<string, string>
        {
            ["Amends__Orders__Source"] = "StoreBackend",
            ["Amends__Orders__StoreBackend__BaseUrl"] = store.Url,
            ["Amends__StoreBackend__WebhookSecret"] = StoreBackendStandIn.Secret,
        });
        var page = await console.NewPageAsync(width: 390, height: 844, baseUrl: $"http://127.0.0.1:{server.Port}");
        await page.GotoAsync("/report?lang=en");

        await FillAsync(page, "#8101", "someone.else@example.com", "The kettle leaks from the base.");
        var wrongEmail = await RefusedAsync(page);
        await FillAsync(page, "#8999", "someone.else@example.com", "The kettle leaks from the base.");
        var noSuchOrder = await RefusedAsync(page);

        Assert.Equal("The order number and email address do not match our records. Please check both, and use the email address you ordered with.", wrongEmail);
        Assert.Equal(wrongEmail, noSuchOrder);
        await Expect(page.Locator("#order")).ToHaveValueAsync("#8999");
        Assert.Equal([("8101", 200), ("8999", 404)], store.Asked);
        Assert.Equal(0, await CountAsync("someone.else@example.com", server));

        // The order's own email goes through: it was the pair that was refused, not the lookup.
        await page.Locator("#order").FillAsync("#8101");
        await page.Locator("#email").FillAsync("marta.bianchi@example.it");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(StatusPage());
        var incident = await IncidentAsync(IncidentOf(page.Url), server);
        Assert.DoesNotContain("OrderNotVerified", Attention(incident), StringComparison.Ordinal);
        Assert.Equal("Marta Bianchi", incident.GetProperty("customer").GetProperty("name").GetString());
    }

    private static async Task FillAsync(IPage page, string order, string email, string description, string category = "The item is broken or does not work")
    {
        await page.Locator("#order").FillAsync(order);
        await page.Locator("#email").FillAsync(email);
        await page.GetByRole(AriaRole.Radio, new() { Name = category }).CheckAsync();
        await page.Locator("#description").FillAsync(description);
    }

    /// <summary>Sends the form, expects it refused (400) with one reason, and gives that reason's words.</summary>
    private static async Task<string> RefusedAsync(IPage page)
    {
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, answer.Status);
        var reasons = page.GetByRole(AriaRole.Alert).Locator("li");
        await Expect(reasons).ToHaveCountAsync(1);
        return await reasons.InnerTextAsync();
    }

    /// <summary>Posts the page's form with <paramref name="token"/> from the browser's context (same origin, no redirect followed).</summary>
    private static async Task<IAPIResponse> PostAsync(IPage page, string token, string email)
    {
        var form = page.Context.APIRequest.CreateFormData();
        form.Append("form_token", token);
        form.Append("sig", "");
        form.Append("order", "#7004");
        form.Append("email", email);
        form.Append("category", "MissingPart");
        form.Append("description", "The box was empty.");
        form.Append(ReportPage.Honeypot, "");
        return await page.Context.APIRequest.PostAsync("/report?lang=en", new() { Multipart = form, MaxRedirects = 0 });
    }

    private async Task<JsonElement> IncidentAsync(string id, ServerProcess? server = null)
    {
        using var http = (server ?? console.Server).CreateClient();
        return (await http.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}", TestContext.Current.CancellationToken)).GetProperty("incident");
    }

    private async Task<int> CountAsync(string email, ServerProcess? server = null)
    {
        using var http = (server ?? console.Server).CreateClient();
        var list = await http.GetFromJsonAsync<JsonElement>($"/api/v1/incidents?customerEmail={Uri.EscapeDataString(email)}", TestContext.Current.CancellationToken);
        return list.GetProperty("items").GetArrayLength();
    }

    private async Task AcknowledgedAsync(string id)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!Directory.Exists(console.Server.OutboxPath) ||
            !Directory.EnumerateFiles(console.Server.OutboxPath, $"*-{id}.acknowledgement*.eml")
                .Any(f => MimeKit.MimeMessage.Load(f).TextBody?.Contains("/status/" + id, StringComparison.Ordinal) == true))
        {
            Assert.True(DateTime.UtcNow < until, $"No acknowledgement with the status link for {id} after 30 s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static string Attention(JsonElement incident) => incident.TryGetProperty("attention", out var reasons) ? reasons.ToString() : "";

    private static string IncidentOf(string url) => StatusPage().Match(url).Groups[1].Value;

    [GeneratedRegex(@"/status/(AMD-[^.]+)\.")]
    private static partial Regex StatusPage();
}
