using System.Net;
using Amends.Tests.Fixtures;

namespace Amends.Tests.CustomerPages;

/// <summary>The public return-policy page states the configured policy in the reader's language.</summary>
public sealed class PolicyPageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AmendsApiHost host = null!;

    public async ValueTask InitializeAsync() => host = await CustomerPagesHost.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["Amends:ReturnPolicy:ReturnWindowDays"] = "45",
        ["Amends:ReturnPolicy:ChangedMindFeePercent"] = "15",
        ["Amends:ReturnPolicy:WrongItemFeePercent"] = "7.5",
        ["Amends:ReturnPolicy:ReturnShippingPaidBy:Carrier"] = "Store",
        ["Amends:ReturnPolicy:ReturnShippingPaidBy:Customer"] = "Customer",
    });

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("/policy", null, "en", "You can return an item within 45 days of delivery.", "restocking fee of 15% from the refund", "the restocking fee is 7.5%.")]
    [InlineData("/policy?lang=it", "pl", "it", "Può restituire un articolo entro 45 giorni dalla consegna.", "del 15%", "la commissione è del 7,5%.")]
    [InlineData("/policy", "pl-PL,pl;q=0.9,en;q=0.8", "pl", "Produkt można zwrócić w ciągu 45 dni od dostawy.", "w wysokości 15%", "opłata wynosi 7,5%.")]
    [InlineData("/policy", "fr-FR,nb;q=0.8", "nb", "Du kan returnere en vare innen 45 dager etter levering.", "returgebyr på 15 %", "gebyret 7,5 %.")]
    [InlineData("/policy", "de-CH,de;q=0.9", "de", "Sie können einen Artikel innerhalb von 45 Tagen nach der Lieferung zurückgeben.", "Wiedereinlagerungsgebühr von 15 %", "beträgt die Gebühr 7,5 %.")]
    public async Task The_policy_is_stated_in_the_readers_language(string path, string? acceptLanguage, string language, string window, string changedMind, string wrongItem)
    {
        var (status, html) = await host.PageAsync(path, acceptLanguage);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains(window, html, StringComparison.Ordinal);
        Assert.Contains(changedMind, html, StringComparison.Ordinal);
        Assert.Contains(wrongItem, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_pays_the_return_shipping_follows_who_was_at_fault()
    {
        var (_, html) = await host.PageAsync("/policy?lang=en");

        Assert.Contains("<th scope=\"row\">The parcel was damaged or lost in transit</th><td>we pay</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">You changed your mind or ordered the wrong item</th><td>you pay</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("What our customers say", html, StringComparison.Ordinal);
    }
}
