using System.Net;
using Amends.Incidents;
using Amends.Testing;
using Amends.Tests.Fixtures;

namespace Amends.Tests.EndToEnd;

/// <summary>One incident's whole life over HTTP on the running server, with a crash in the middle.</summary>
public sealed class IncidentLifecycleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Whole_life_survives_a_server_crash_and_sends_nothing_twice()
    {
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Amends__Silence__Limit"] = "01:00:00",
        });
        using var store = new StoreApi(server);

        var (created, view) = await store.CreateAsync(StoreApi.NewIncident(), idempotencyKey: "order-1001-kettle");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = view!.Incident.Id;
        var (retried, again) = await store.CreateAsync(StoreApi.NewIncident(), idempotencyKey: "order-1001-kettle");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(id, again!.Incident.Id);

        var acknowledgement = await store.WaitForEmailAsync(id, "acknowledgement");
        Assert.Contains($"[{id}]", acknowledgement);

        var update = await store.PostAsync($"/api/v1/incidents/{id}/updates", new { message = "Abbiamo spedito un manico nuovo." });
        Assert.Equal(HttpStatusCode.Accepted, update.StatusCode);

        // The update is in storage; the crash comes before or while it is emailed, and loses nothing.
        await server.KillAsync();
        await server.StartAsync();
        Assert.Contains("Abbiamo spedito un manico nuovo.", await store.WaitForEmailAsync(id, "entry-"));

        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{id}/diagnosis", new { category = "Defective", responsibility = "Store" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{id}/resolution", new { type = "SparePart", partCost = 4.5, shippingCost = 6.9, trackingNumber = "JD0002249" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await store.PostAsync($"/api/v1/incidents/{id}/resolve", new { note = "Part delivered." })).StatusCode);

        var apology = await store.WaitForEmailAsync(id, "apology");
        Assert.Contains("SORRY-", apology);
        await Poll.UntilTrueAsync(async () => (await store.GetAsync(id)).Incident.Status == IncidentStatus.Closed, "the incident to close");

        var closed = await store.GetAsync(id);
        Assert.Equal(
            [TimelineEntryKind.Reported, TimelineEntryKind.Acknowledged, TimelineEntryKind.StaffUpdate, TimelineEntryKind.Diagnosed,
             TimelineEntryKind.ResolutionChosen, TimelineEntryKind.Resolved, TimelineEntryKind.Apologized, TimelineEntryKind.Closed],
            closed.Timeline.Select(e => e.Kind));
        Assert.Contains("JD0002249", await store.WaitForEmailAsync(id, $"entry-{closed.Timeline.Single(e => e.Kind == TimelineEntryKind.ResolutionChosen).Id}"));

        // Exactly one of each email: acknowledgement, staff update, resolution, apology.
        var emails = (await store.OutboxAsync()).Where(e => e.Name.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.True(emails.Count == 4, "Sent: " + string.Join(", ", emails.Select(e => e.Name)));
        Assert.Single(emails, e => e.Name.Contains(".acknowledgement", StringComparison.Ordinal));
    }
}
