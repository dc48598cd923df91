using Amends.Incidents;
using Amends.Storage;
using Amends.Tests.Fixtures;
using Azure;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Workflow;

/// <summary>
/// A staff action whose change was stored, but whose mirroring (the queue's index) then failed: staff are
/// answered with the failure and a retry finds the incident changed, so the workflow must be woken anyway.
/// </summary>
public sealed class StaffActionWakeTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_resolve_stored_before_the_queue_index_failed_still_wakes_the_workflow_which_closes_the_incident()
    {
        await using var host = await StepRetryTests.StartAsync(azurite);
        var incident = await host.OpenAsync();
        await host.EntryAsync(incident.Id, e => e.Kind == TimelineEntryKind.Acknowledged, "the acknowledgement on the timeline");
        await WaitingOnItsTimerAsync(host, incident.Id);
        var index = host.Services.GetRequiredService<StorageAccount>().Table(IncidentStore.IndexTable);
        await index.DeleteAsync(Cancellation);

        await Assert.ThrowsAnyAsync<RequestFailedException>(() => host.Staff.ResolveAsync(incident.Id, "Replacement delivered.", null, host.Client, Cancellation));
        await index.CreateIfNotExistsAsync(Cancellation);
        var finished = await StepRetryTests.WaitForCompletionAsync(host, incident.Id);

        Assert.Equal("closed", finished.ReadOutputAs<string>());
        Assert.Equal(IncidentStatus.Closed, (await host.IncidentAsync(incident.Id)).Status);
        Assert.Equal(["acknowledgement", "apology"], host.Emails(incident.Id).Select(e => e.Step).Order(StringComparer.Ordinal));
        Assert.Equal([incident.Id], (await host.Store.ListAsync(new IncidentQuery(Status: IncidentStatus.Closed), null, 10, Cancellation)).Items.Select(i => i.Id));
    }

    /// <summary>Until the workflow has stopped changing (it waits on its silence timer), so only a wake-up can move it.</summary>
    internal static async Task WaitingOnItsTimerAsync(IncidentWorkflowHost host, string id)
    {
        DateTimeOffset? seen = null;
        await Poll.UntilTrueAsync(async () =>
        {
            var updated = (await host.Client.GetInstanceAsync(id, Cancellation))?.LastUpdatedAt;
            var still = updated is not null && updated == seen && DateTimeOffset.UtcNow - updated > TimeSpan.FromSeconds(1);
            seen = updated;
            return still;
        }, "the workflow to wait on its timer");
    }
}
