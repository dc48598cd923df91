using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amends.Api;
using Amends.Incidents;
using Amends.Storage;
using Amends.Tests.Fixtures;

namespace Amends.Tests.Api;

/// <summary>
/// The queue over HTTP: found by words (customer, order, description, timeline), by product, by needs
/// attention, and by how soon the customer must hear from us (soonest first); a bad value is a 400 naming it.
/// </summary>
public sealed class QueueSearchApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string word = $"quokka{Guid.NewGuid():N}"[..14];
    private AmendsApiHost host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await AmendsApiHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Words_find_the_customer_the_order_the_description_and_the_timeline()
    {
        var now = DateTimeOffset.UtcNow;
        var byName = await SeedAsync(now, i => i with { Customer = i.Customer with { Name = $"Anna {word}" } });
        var byOrder = await SeedAsync(now.AddSeconds(1), i => i with { OrderNumber = $"#{word}" });
        var byDescription = await SeedAsync(now.AddSeconds(2), i => i with { Description = $"The {word.ToUpperInvariant()} is bent." });
        var byNote = await SeedAsync(now.AddSeconds(3));
        await SeedAsync(now.AddSeconds(4));
        using var note = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{byNote}/notes", new { note = $"Called about the {word}." }, Cancellation);
        note.EnsureSuccessStatusCode();

        Assert.Equal([byName, byOrder, byDescription, byNote], (await ListAsync($"q={word}")).Items.Select(i => i.Id));

        // One per page: every match once, in queue order, however the scan stops inside the index's pages.
        List<string> paged = [];
        string? token = null;
        do
        {
            var page = await ListAsync($"q={word}&pageSize=1" + (token is null ? "" : $"&continuationToken={token}"));
            paged.AddRange(page.Items.Select(i => i.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal([byName, byOrder, byDescription, byNote], paged);
        Assert.Equal([byNote], (await ListAsync($"q={word}+called")).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Product_and_needs_attention_filter_the_queue()
    {
        var now = DateTimeOffset.UtcNow;
        var product = $"LAMP-{word}";
        var lamp = await SeedAsync(now, i => i with { Sku = product, Description = word });
        var waiting = await SeedAsync(now.AddSeconds(1), i => i with { NeedsAttention = true, Description = word });

        var found = await ListAsync($"sku={product.ToLowerInvariant()}");
        Assert.Equal([lamp], found.Items.Select(i => i.Id));
        Assert.Equal(product, found.Items[0].Sku);
        Assert.Equal([waiting], (await ListAsync($"q={word}&needsAttention=true")).Items.Select(i => i.Id));
        Assert.Equal([lamp], (await ListAsync($"q={word}&needsAttention=false")).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Due_soon_lists_the_longest_silent_first_with_when_each_is_due()
    {
        // The host's silence limit is 10 minutes.
        var now = DateTimeOffset.UtcNow;
        var overdue = await SeedAsync(now.AddHours(-5), i => i with { LastCustomerContactAt = now.AddMinutes(-30), Description = word });
        var dueSoon = await SeedAsync(now.AddHours(-6), i => i with { LastCustomerContactAt = now.AddMinutes(-5), Description = word });
        var mostOverdue = await SeedAsync(now.AddHours(-1), i => i with { LastCustomerContactAt = now.AddHours(-2), Description = word });

        Assert.Equal([mostOverdue, overdue], (await ListAsync($"q={word}&dueWithinHours=0")).Items.Select(i => i.Id));
        var within = await ListAsync($"q={word}&dueWithinHours=1");
        Assert.Equal([mostOverdue, overdue, dueSoon], within.Items.Select(i => i.Id));
        Assert.Equal(now.AddMinutes(-5).AddMinutes(10), within.Items[2].NextUpdateDueBy!.Value, TimeSpan.FromSeconds(1));

        var first = await ListAsync($"q={word}&dueWithinHours=1&pageSize=2");
        var second = await ListAsync($"q={word}&dueWithinHours=1&pageSize=2&continuationToken={first.ContinuationToken}");
        Assert.Equal([mostOverdue, overdue, dueSoon], first.Items.Concat(second.Items).Select(i => i.Id));
        Assert.Null(second.ContinuationToken);
    }

    [Theory]
    [InlineData("needsAttention=maybe", "needsAttention")]
    [InlineData("dueWithinHours=-1", "dueWithinHours")]
    [InlineData("dueWithinHours=soon", "dueWithinHours")]
    [InlineData("dueWithinHours=9000", "dueWithinHours")]
    [InlineData("sku=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "sku")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field)
    {
        using var response = await host.Staff.GetAsync($"/api/v1/incidents?{query}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal([field], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_search_longer_than_200_characters_is_a_400()
    {
        using var response = await host.Staff.GetAsync($"/api/v1/incidents?q={new string('a', 201)}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<string> SeedAsync(DateTimeOffset at, Func<Incident, Incident>? change = null)
    {
        var incident = (change ?? (i => i))(IncidentBuilder.Reported(at));
        var reported = new TimelineEntry(host.Workflows.Store.NewEntryId(), TimelineEntryKind.Reported, at, "Seeded.", "customer", CustomerFacing: false, Delivered: false);
        Assert.True(await host.Workflows.Store.TryAddAsync(incident, reported, Cancellation));
        return incident.Id;
    }

    private async Task<IncidentPage> ListAsync(string query) =>
        (await host.Staff.GetFromJsonAsync<IncidentPage>($"/api/v1/incidents?{query}", ApiJson.Options, Cancellation))!;
}
