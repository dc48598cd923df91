using System.Text.Json;
using Amends.Api;
using Amends.Erasure;
using Amends.Incidents;
using Amends.Orders;
using Amends.Retention;
using Amends.Storage;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Amends.Tests.Orders;

/// <summary>The order's shipping address is kept while the incident may need it, then dropped; erasing the customer leaves nothing of the lookup.</summary>
public sealed class OrderPrivacyTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_shipping_address_goes_with_the_files_after_closing_and_the_lines_stay()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        using var amends = new AmendsTestServices(azurite, settings: new Dictionary<string, string?> { ["Amends:Retention:ClosedIncidentFiles"] = "30.00:00:00" });
        await using var services = await amends.BuildAsync(s => s.AddSingleton<TimeProvider>(clock), Cancellation);
        var store = services.GetRequiredService<IncidentStore>();
        var order = JsonSerializer.Deserialize<StoreOrder>(PlatformSamples.StoreBackendOrder, ApiJson.Options)!;
        var closedAt = clock.GetUtcNow();
        var incident = IncidentBuilder.Reported(closedAt) with
        {
            Status = IncidentStatus.Closed,
            ClosedAt = closedAt,
            Order = new IncidentOrder(OrderLookupState.Found, closedAt, order, OrderSource.StoreBackend),
        };
        Assert.True(await store.TryAddAsync(incident, new TimelineEntry(store.NewEntryId(), TimelineEntryKind.Reported, closedAt, "Broken.", "customer", false, false), Cancellation));
        var retention = services.GetRequiredService<ClosedIncidentFiles>();
        await retention.ScheduleAsync(incident.Id, closedAt, Cancellation);

        clock.Advance(TimeSpan.FromDays(29));
        await retention.ApplyAsync(Cancellation);
        Assert.NotNull((await store.FindAsync(incident.Id, Cancellation))!.Value.Order?.Details?.ShippingAddress);

        clock.Advance(TimeSpan.FromDays(2));
        await retention.ApplyAsync(Cancellation);
        var kept = (await store.FindAsync(incident.Id, Cancellation))!.Value.Order!.Details!;
        Assert.Null(kept.ShippingAddress);
        Assert.Equal(2, kept.Lines.Count);
        Assert.Contains(await store.TimelineAsync(incident.Id, Cancellation), e => e.Text == "Retention: 0 photo(s) and 0 raw email(s) deleted, and the order's shipping address, 30 days after closing.");
    }

    [Fact]
    public async Task Erasing_the_customer_ends_a_waiting_lookup()
    {
        await using var platform = await PlatformStandIn.StartAsync(PlatformStandIn.Json(503, "{}"));
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromMinutes(10), settings: PlatformSamples.Settings(OrderSource.Shopify, platform.Url));
        var orders = host.Services.GetRequiredService<OrderReading>();
        var incident = await host.OpenAsync();
        Assert.Equal(OrderLookupState.Pending, incident.Order?.State);
        Assert.Contains(incident.Id, (await orders.WaitingAsync(Cancellation)).Keys);

        await host.Services.GetRequiredService<CustomerErasure>().EraseAsync(incident.Customer.Email, "Owner", host.Client, Cancellation);

        Assert.DoesNotContain(incident.Id, (await orders.WaitingAsync(Cancellation)).Keys);
        Assert.Null(await host.Store.FindAsync(incident.Id, Cancellation));
    }
}
