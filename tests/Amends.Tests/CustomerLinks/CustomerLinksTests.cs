using Amends.CustomerLinks;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Amends.Tests.CustomerLinks;

/// <summary>Customer links: signed for one incident and one purpose, refused once tampered with, expired or revoked.</summary>
public sealed class CustomerLinksTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Id = "AMD-7K3M9Q2X";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly AmendsTestServices amends = new(azurite, settings: new Dictionary<string, string?>
    {
        ["Amends:CustomerLinks:Secret"] = "customer-link-secret-for-tests-0123456789",
        ["Amends:CustomerLinks:StatusLinkLifetime"] = "30.00:00:00",
        ["Amends:PublicBaseUrl"] = "https://shop.example/care/",
    });

    private ServiceProvider services = null!;
    private Amends.CustomerLinks.CustomerLinks links = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        services = await amends.BuildAsync(s => s.AddSingleton<TimeProvider>(clock), Cancellation);
        links = services.GetRequiredService<Amends.CustomerLinks.CustomerLinks>();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        amends.Dispose();
    }

    [Fact]
    public async Task A_signed_link_opens_its_incident_for_its_purpose_only()
    {
        var token = await links.TokenAsync(Id, LinkPurpose.Status, Cancellation);

        Assert.Equal(new CheckedLink(LinkState.Valid, Id), await links.CheckAsync(token, LinkPurpose.Status, Cancellation));
        Assert.Equal(LinkState.Unknown, (await links.CheckAsync(token, LinkPurpose.Satisfaction, Cancellation)).State);
        Assert.StartsWith("https://shop.example/care/status/AMD-7K3M9Q2X.0.", await links.StatusUrlAsync(Id, Cancellation), StringComparison.Ordinal);
        Assert.All(await links.SatisfactionUrlsAsync(Id, Cancellation), (url, i) => Assert.EndsWith($"?score={i + 1}", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tampered_link_is_unknown()
    {
        var token = await links.TokenAsync(Id, LinkPurpose.Status, Cancellation);
        var parts = token.Split('.');
        var mac = parts[3];
        string[] tampered =
        [
            string.Join('.', "AMD-7K3M9Q2Y", parts[1], parts[2], mac),
            string.Join('.', parts[0], "1", parts[2], mac),
            string.Join('.', parts[0], parts[1], (long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + 86400).ToString(System.Globalization.CultureInfo.InvariantCulture), mac),
            string.Join('.', parts[0], parts[1], parts[2], mac[..^1] + (mac[^1] == 'A' ? 'B' : 'A')),
            string.Join('.', parts[0], parts[1], parts[2], (mac[0] == 'A' ? 'B' : 'A') + mac[1..]),
            token + "x",
            "",
            "AMD-7K3M9Q2X",
            new string('a', 500),
        ];

        foreach (var link in tampered)
        {
            Assert.Equal(new CheckedLink(LinkState.Unknown, null), await links.CheckAsync(link, LinkPurpose.Status, Cancellation));
        }
    }

    [Fact]
    public async Task A_link_lasts_its_lifetime_rounded_up_to_midnight_then_expires()
    {
        var token = await links.TokenAsync(Id, LinkPurpose.Status, Cancellation);

        // Issued 1 March 10:00 for 30 days: valid until 1 April 00:00 UTC.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero));
        Assert.Equal(LinkState.Valid, (await links.CheckAsync(token, LinkPurpose.Status, Cancellation)).State);
        clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new CheckedLink(LinkState.Expired, null), await links.CheckAsync(token, LinkPurpose.Status, Cancellation));
    }

    [Fact]
    public async Task Revoking_refuses_every_earlier_link_and_the_next_one_works()
    {
        var status = await links.TokenAsync(Id, LinkPurpose.Status, Cancellation);
        var satisfaction = await links.TokenAsync(Id, LinkPurpose.Satisfaction, Cancellation);
        var other = await links.TokenAsync("AMD-ZZZZZZZZ", LinkPurpose.Status, Cancellation);

        Assert.Equal(1, await links.RevokeAsync(Id, Cancellation));

        Assert.Equal(LinkState.Revoked, (await links.CheckAsync(status, LinkPurpose.Status, Cancellation)).State);
        Assert.Equal(LinkState.Revoked, (await links.CheckAsync(satisfaction, LinkPurpose.Satisfaction, Cancellation)).State);
        Assert.Equal(LinkState.Valid, (await links.CheckAsync(other, LinkPurpose.Status, Cancellation)).State);
        var fresh = await links.TokenAsync(Id, LinkPurpose.Status, Cancellation);
        Assert.NotEqual(status, fresh);
        Assert.Equal(new CheckedLink(LinkState.Valid, Id), await links.CheckAsync(fresh, LinkPurpose.Status, Cancellation));

        Assert.Equal(2, await links.RevokeAsync(Id, Cancellation));
        Assert.Equal(LinkState.Revoked, (await links.CheckAsync(fresh, LinkPurpose.Status, Cancellation)).State);
    }

    [Fact]
    public async Task Another_key_signs_other_links()
    {
        using var otherAmends = new AmendsTestServices(azurite, settings: new Dictionary<string, string?>
        {
            ["Amends:CustomerLinks:Secret"] = "another-customer-link-secret-0123456789",
        });
        await using var other = await otherAmends.BuildAsync(s => s.AddSingleton<TimeProvider>(clock), Cancellation);
        var foreign = await other.GetRequiredService<Amends.CustomerLinks.CustomerLinks>().TokenAsync(Id, LinkPurpose.Status, Cancellation);

        Assert.Equal(LinkState.Unknown, (await links.CheckAsync(foreign, LinkPurpose.Status, Cancellation)).State);
    }

    [Fact]
    public async Task Form_keys_belong_to_their_page()
    {
        var token = await links.TokenAsync(Id, LinkPurpose.Status, Cancellation);
        var other = await links.TokenAsync("AMD-ZZZZZZZZ", LinkPurpose.Status, Cancellation);

        Assert.True(links.IsFormKey(token, links.FormKey(token)));
        Assert.False(links.IsFormKey(token, links.FormKey(other)));
        Assert.False(links.IsFormKey(token, null));
        Assert.False(links.IsFormKey(token, ""));
    }
}
