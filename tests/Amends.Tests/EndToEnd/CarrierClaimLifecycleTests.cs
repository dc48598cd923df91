using System.Net;
using System.Net.Http.Json;
using Amends.Api;
using Amends.Claims;
using Amends.Incidents;
using Amends.Testing;
using Amends.Tests.Fixtures;

namespace Amends.Tests.EndToEnd;

/// <summary>
/// A parcel the carrier damaged, on the running server from the first email to the carrier's payment:
/// the claim opens with the diagnosis, the server's own sweep reminds staff of its deadline, and the
/// payment shows in the claims report after the incident closed.
/// </summary>
public sealed class CarrierClaimLifecycleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Carrier_damaged_parcel_claimed_reminded_filed_and_paid_after_the_incident_closed()
    {
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Amends__Silence__Limit"] = "01:00:00",
            ["Amends__Sweep__Interval"] = "00:00:01",
            ["Amends__Claims__Deadlines__GLS"] = "7",
            ["Amends__Claims__ReminderLead"] = "2.00:00:00",
        });
        using var store = new StoreApi(server);
        var (_, view) = await store.CreateAsync(StoreApi.NewIncident(order: "#4001"));
        var id = view!.Incident.Id;
        await store.WaitForEmailAsync(id, "acknowledgement");

        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{id}/diagnosis", new { category = "DamagedInTransit", responsibility = "Carrier" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{id}/resolution",
            new { type = "Replacement", replacementCost = 24.00m, shippingCost = 4.90m, carrier = "GLS", trackingNumber = "GLS-NEW-2" })).StatusCode);

        // Delivered 6 days ago, GLS takes claims for 7, reminders 2 days ahead: the next sweep flags it.
        using (var set = await store.PostAsync($"/api/v1/incidents/{id}/claim", new { trackingNumber = "GLS-ORIG-1", shipping = 4.90m, deliveredAt = DateTimeOffset.UtcNow.AddDays(-6) }))
        {
            Assert.Equal(33.80m, (await set.Content.ReadFromJsonAsync<ClaimView>(ApiJson.Options, TestContext.Current.CancellationToken))!.ClaimedAmount);
        }

        static bool Reminder(TimelineEntry e) => e.Text?.StartsWith("Carrier claim not filed yet: GLS", StringComparison.Ordinal) == true;
        await Poll.UntilTrueAsync(async () => (await store.GetAsync(id)).Timeline.Any(Reminder), "the sweep to remind staff of the claim's deadline");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // two more sweeps: still one reminder
        var flagged = await store.GetAsync(id);
        Assert.True(flagged.Incident.NeedsAttention);
        Assert.Single(flagged.Timeline, Reminder);

        using var pack = await store.Http.GetAsync($"/api/v1/incidents/{id}/claim/pack", TestContext.Current.CancellationToken);
        Assert.Equal("application/pdf", pack.Content.Headers.ContentType!.MediaType);

        Assert.Equal(HttpStatusCode.OK, (await store.PostAsync($"/api/v1/incidents/{id}/claim/status", new { status = "Filed", reference = "GLS-C-9" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{id}/resolve", new { note = "Replacement delivered." })).StatusCode);
        await Poll.UntilTrueAsync(async () => (await store.GetAsync(id)).Incident.Status == IncidentStatus.Closed, "the incident to close");

        // Carriers pay weeks later: after the incident closed.
        Assert.Equal(HttpStatusCode.OK, (await store.PostAsync($"/api/v1/incidents/{id}/claim/status", new { status = "Paid", amount = 30.00m })).StatusCode);
        var report = (await store.Http.GetFromJsonAsync<ClaimsReport>("/api/v1/reports/claims", ApiJson.Options, TestContext.Current.CancellationToken))!;
        Assert.Equal(new ClaimsReportRow("GLS", 1, 33.80m, 30.00m, 3.80m, 0m), Assert.Single(report.Rows));
        Assert.Contains((await store.GetAsync(id)).Timeline, e => e.Text == "Carrier claim paid by GLS: 30.00 of 33.80 claimed, booked as a carrier recovery; 3.80 lost.");
    }
}
