using System.Net;
using System.Net.Http.Json;
using Amends.Api;
using Amends.Incidents;

namespace Amends.Tests.EndToEnd;

/// <summary>Staff resume an incident's workflow over HTTP on the running server.</summary>
public sealed class ResumeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Resume_wakes_an_open_incident_and_notes_it_and_names_an_unknown_one()
    {
        using var store = new StoreApi(fixture.Server);
        var (_, view) = await store.CreateAsync(StoreApi.NewIncident(), idempotencyKey: "resume-" + Guid.NewGuid().ToString("N"));
        var id = view!.Incident.Id;

        using var resumed = await store.Http.PostAsync($"/api/v1/incidents/{id}/resume", null, TestContext.Current.CancellationToken);
        using var unknown = await store.Http.PostAsync("/api/v1/incidents/AMD-NOSUCH00/resume", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
        var entry = await resumed.Content.ReadFromJsonAsync<TimelineEntry>(ApiJson.Options, TestContext.Current.CancellationToken);
        Assert.Equal(("Workflow resumed by Owner.", "Owner", false), (entry!.Text, entry.Author, entry.CustomerFacing));
        Assert.Contains((await store.GetAsync(id)).Timeline, e => e.Id == entry.Id);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("AMD-NOSUCH00", (await store.ProblemAsync(unknown)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
