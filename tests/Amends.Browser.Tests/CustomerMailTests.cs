using System.Net.Http.Json;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Amends.Browser.Tests;

/// <summary>
/// What the customer sees of the store: the HTML part of a real email from the server's outbox, opened in
/// Chromium as a mail program shows it, and the status page it links to, both carrying the store's name,
/// colour and contact (the fixture's server has a store identity).
/// </summary>
public sealed class CustomerMailTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_staff_update_arrives_as_accessible_html_in_the_customers_language_with_the_store_around_it()
    {
        using var http = console.Server.CreateClient();
        using var created = await http.PostAsJsonAsync("/api/v1/incidents", new
        {
            customerEmail = "mail-html@example.it",
            customerName = "Giulia Rossi",
            language = "it",
            orderNumber = "#6001",
            description = "Il manico del bollitore è arrivato rotto.",
            sku = "KETTLE-01",
        }, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken))
            .GetProperty("incident").GetProperty("id").GetString()!;
        using var posted = await http.PostAsJsonAsync($"/api/v1/incidents/{id}/updates",
            new { message = "<b>Il ricambio</b> parte oggi. Tracciamento: https://track.example/JD0002249" }, TestContext.Current.CancellationToken);
        posted.EnsureSuccessStatusCode();

        using var email = await SentAsync(id, "entry-");
        var page = await console.NewPageAsync(width: 700, height: 900);
        await page.SetContentAsync(email.HtmlBody ?? throw new InvalidOperationException("The email has no HTML part."));

        Assert.Equal("it", await page.Locator("html").GetAttributeAsync("lang"));
        var article = page.GetByRole(AriaRole.Article);
        await Expect(article.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aggiornamento sul suo ordine #6001");
        // What staff typed is text, never markup; a web address in it is a link that shows where it goes.
        await Expect(article.GetByText("<b>Il ricambio</b> parte oggi.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(article.Locator("b")).ToHaveCountAsync(0);
        await Expect(article.GetByRole(AriaRole.Link, new() { Name = "https://track.example/JD0002249" })).ToHaveAttributeAsync("href", "https://track.example/JD0002249");
        var status = article.GetByRole(AriaRole.Link, new() { Name = "Segua la sua pratica, o ci invii un messaggio o delle foto" });
        await Expect(status).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/status/" + id));
        await Expect(article.GetByText("Casa Bella").First).ToBeVisibleAsync();
        await Expect(article.GetByRole(AriaRole.Link, new() { Name = "aiuto@casabella.example" })).ToHaveAttributeAsync("href", "mailto:aiuto@casabella.example");
        await Expect(article.GetByRole(AriaRole.Link, new() { Name = "+39 02 1234 5678" })).ToHaveAttributeAsync("href", "tel:+390212345678");
        Assert.Equal("Casa Bella", email.From.Mailboxes.Single().Name);
        Assert.Contains("<b>Il ricambio</b> parte oggi.", email.TextBody, StringComparison.Ordinal);
        await Axe.AssertAccessibleAsync(page, "the HTML email");
        await ConsoleFixture.ScreenshotAsync(page, "email-html");

        // The page the email links to carries the same store.
        var customer = await console.NewPageAsync(width: 390, height: 844);
        await customer.GotoAsync(await status.GetAttributeAsync("href") ?? "");
        await Expect(customer.GetByRole(AriaRole.Banner)).ToContainTextAsync("Casa Bella");
        await Expect(customer.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "aiuto@casabella.example" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(customer, "the status page with the store's identity");
        await ConsoleFixture.ScreenshotAsync(customer, "status-store");
    }

    /// <summary>The first email about <paramref name="id"/> whose step starts with <paramref name="step"/>, once it is in the server's outbox.</summary>
    private async Task<MimeMessage> SentAsync(string id, string step)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var file = Directory.Exists(console.Server.OutboxPath)
                ? Directory.EnumerateFiles(console.Server.OutboxPath, $"*-{id}.{step}*.eml").Order(StringComparer.Ordinal).FirstOrDefault()
                : null;
            if (file is not null)
            {
                return await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
            }

            Assert.True(DateTime.UtcNow < until, $"No '{step}' email about {id} in the outbox after 30 s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
